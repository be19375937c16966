#version 120
// Depth only: the shadow map keeps no colour.
void main() {
    gl_FragColor = vec4(1.0);
}
