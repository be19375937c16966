#version 120
#pragma import_defines(CUNJING_COLOUR_CHECK)
uniform vec3 sunDirection;
varying vec3 vDirection;
vec3 skyColour(vec3 d);  // common.frag
void main() {
    vec3 d = normalize(vDirection);
    vec3 sky = skyColour(d);
#ifdef CUNJING_COLOUR_CHECK
    {
        // A neutral backdrop, so palette colours are not judged against a blue sky.
        gl_FragColor = vec4(0.5, 0.5, 0.5, 1.0);
        return;
    }
#endif
    // The sun's disc (drawn about 0.6 degrees across, a little larger than the real 0.53 so
    // it reads at screen resolution), a halo, and a broad glow; none below the horizon.
    float c = max(dot(d, sunDirection), 0.0);
    float disc = smoothstep(0.99996, 0.99998, c);
    float halo = pow(c, 400.0) * 0.6 + pow(c, 8.0) * 0.15;
    float above = smoothstep(-0.01, 0.01, d.z);
    gl_FragColor = vec4(min(sky + vec3(1.0, 0.95, 0.85) * (disc + halo) * above, vec3(1.0)), 1.0);
}
