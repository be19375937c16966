#version 120
// The shadow map's casters: position only (Look.cpp); instances placed as lit.vert does.
vec4 placedVertex(vec4 v);  // common.vert
void main() {
    gl_Position = gl_ModelViewProjectionMatrix * placedVertex(gl_Vertex);
}
