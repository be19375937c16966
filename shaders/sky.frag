#version 120
uniform vec3 hazeColor;
uniform vec3 zenithColor;
uniform vec3 sunDirection;
varying vec3 vDirection;
void main() {
    vec3 d = normalize(vDirection);
    float up = clamp(d.z, 0.0, 1.0);
    vec3 sky = mix(hazeColor, zenithColor, pow(up, 0.45));
    float sun = pow(max(dot(d, sunDirection), 0.0), 400.0);
    float glow = pow(max(dot(d, sunDirection), 0.0), 8.0) * 0.15;
    gl_FragColor = vec4(sky + vec3(1.0, 0.95, 0.85) * (sun + glow), 1.0);
}
