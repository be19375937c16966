#version 120
#pragma import_defines(CUNJING_MATERIALS, CUNJING_VERTEX_LIGHT)
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

#if !defined(CUNJING_MATERIALS) && defined(CUNJING_VERTEX_LIGHT)
// The low preset lights buildings (one normal a face: exact), trees and greenery (small
// facets of smooth crowns) per vertex, for a fraction of llvmpipe's fragment cost: the demo's
// camera path went from 33 to 30 ms a frame with the trees and greenery too
// (bench/FrameBench.cpp). What needs the pixel (water's and glaze's shine) stays in lit.frag.
uniform vec3 sunDirection;
uniform vec3 sunColor;
uniform vec3 skyAmbient;
uniform float hazeDistance;
varying vec3 vDisplay;  // the face on screen, lit and tone mapped
varying float vHaze;
varying float vGloss;  // lit.frag's gloss: water's tops 0.8, glaze 1
vec3 srgbToLinear(vec3 c);  // colour.glsl
vec3 toDisplay(vec3 radiance);
#endif
void main() {
    vec4 vertex = placedVertex(gl_Vertex);
    vNormal = mat3(osg_ViewMatrixInverse) * (gl_NormalMatrix * placedNormal(gl_Normal));
    vColor = gl_Color;
    vWorld = (osg_ViewMatrixInverse * (gl_ModelViewMatrix * vertex)).xyz;
    vSurface = surface;
    gl_ClipVertex = gl_ModelViewMatrix * vertex;
    shadowCoordinates(gl_ClipVertex);
    gl_Position = gl_ModelViewProjectionMatrix * vertex;
#if !defined(CUNJING_MATERIALS) && defined(CUNJING_VERTEX_LIGHT)
    vec3 n = normalize(vNormal);
    bool water = surface > 8.5 && surface < 9.5;
    vGloss = water ? (n.z < 0.7 ? 0.0 : 0.8) : (surface > 9.5 && surface < 10.5 ? 1.0 : 0.0);
    // Pond kerbs (water's surface on a face that is not its top) are stone (as lit.frag).
    vec3 base = srgbToLinear(water && n.z < 0.7 ? vec3(0.56, 0.54, 0.5) : gl_Color.rgb);
    float sun = max(dot(n, sunDirection), 0.0);
    vDisplay = toDisplay(base * (skyAmbient * (0.65 + 0.35 * n.z) + sunColor * sun));
    vHaze = 1.0 - exp(-distance(osg_ViewMatrixInverse[3].xyz, vWorld) / hazeDistance);
#endif
}
