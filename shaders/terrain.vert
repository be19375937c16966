#version 120
varying vec3 vNormal;
varying vec3 vWorld;
void shadowCoordinates(vec4 eyePosition);  // common.vert
void main() {
    vNormal = gl_Normal;
    vWorld = gl_Vertex.xyz;
    gl_ClipVertex = gl_ModelViewMatrix * gl_Vertex;
    shadowCoordinates(gl_ClipVertex);
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
