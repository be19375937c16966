#version 120
#pragma import_defines(CUNJING_COLOUR_CHECK)
// The photo texture as it is, fading into the same haze as lit.frag and terrain.frag.
uniform sampler2D photo;
uniform vec3 hazeColor;
uniform float hazeDistance;  // metres at which haze reaches about 63 %; 0 outside a scene
uniform mat4 osg_ViewMatrixInverse;
varying vec2 vTexCoord;
varying vec3 vWorld;
void main() {
    vec4 texel = texture2D(photo, vTexCoord);
#ifdef CUNJING_COLOUR_CHECK
    {
        gl_FragColor = vec4(texel.rgb, 1.0);
        return;
    }
#endif
    vec3 eye = osg_ViewMatrixInverse[3].xyz;
    float haze = hazeDistance > 0.0 ? 1.0 - exp(-distance(eye, vWorld) / hazeDistance) : 0.0;
    gl_FragColor = vec4(mix(texel.rgb, hazeColor, haze), 1.0);
}
