#version 120
// Sun + sky ambient + distance haze; matches terrain.frag so everything sits in one light.
uniform vec3 sunDirection;   // towards the sun, world space, normalised
uniform vec3 sunColor;
uniform vec3 skyAmbient;
uniform vec3 hazeColor;
uniform float hazeDistance;  // metres at which haze reaches about 63 %
uniform mat4 osg_ViewMatrixInverse;
varying vec3 vNormal;
varying vec4 vColor;
varying vec3 vWorld;
void main() {
    vec3 n = normalize(vNormal);
    float lambert = max(dot(n, sunDirection), 0.0);
    // Hemisphere ambient: faces turned to the sky get more of it than faces turned down.
    vec3 ambient = skyAmbient * (0.65 + 0.35 * n.z);
    vec3 color = vColor.rgb * (ambient + sunColor * lambert);
    vec3 eye = osg_ViewMatrixInverse[3].xyz;
    float haze = 1.0 - exp(-distance(eye, vWorld) / hazeDistance);
    gl_FragColor = vec4(mix(color, hazeColor, haze), vColor.a);
}
