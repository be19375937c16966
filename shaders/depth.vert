#version 120
// The shadow map's casters: position only (Look.cpp).
void main() {
    gl_Position = ftransform();
}
