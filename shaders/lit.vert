#version 120
// Buildings and trees: per-vertex colour, world-space normal and position, and the surface the
// face is made of (geo::Surface), which lit.frag draws as a procedural texture. Most meshes are
// baked in the scene's local frame; tree templates are shared under per-tree transforms, so
// world space is found through the model matrix (view inverse times model-view); greenery
// templates are drawn instanced (placedVertex, common.vert).
uniform mat4 osg_ViewMatrixInverse;
attribute float surface;
varying vec3 vNormal;
varying vec4 vColor;
varying vec3 vWorld;
varying float vSurface;
void shadowCoordinates(vec4 eyePosition);  // common.vert
vec4 placedVertex(vec4 v);
vec3 placedNormal(vec3 n);
void main() {
    vec4 vertex = placedVertex(gl_Vertex);
    vNormal = mat3(osg_ViewMatrixInverse) * (gl_NormalMatrix * placedNormal(gl_Normal));
    vColor = gl_Color;
    vWorld = (osg_ViewMatrixInverse * (gl_ModelViewMatrix * vertex)).xyz;
    vSurface = surface;
    gl_ClipVertex = gl_ModelViewMatrix * vertex;
    shadowCoordinates(gl_ClipVertex);
    gl_Position = gl_ModelViewProjectionMatrix * vertex;
}
