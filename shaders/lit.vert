#version 120
// Buildings and trees: per-vertex colour, world-space normal (our meshes are baked in the
// scene's local frame, so object space is world space), and the surface the face is made of
// (geo::Surface), which lit.frag draws as a procedural texture.
attribute float surface;
varying vec3 vNormal;
varying vec4 vColor;
varying vec3 vWorld;
varying float vSurface;
void main() {
    vNormal = gl_Normal;
    vColor = gl_Color;
    vWorld = gl_Vertex.xyz;
    vSurface = surface;
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
