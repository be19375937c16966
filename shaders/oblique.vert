#version 120
// Oblique photography (倾斜摄影) tiles: photo-textured meshes whose texture already holds the
// light of the day they were flown, so they are drawn unlit, with the scene's distance haze.
// Tiles sit under the layer's transform; world space comes through the view inverse.
uniform mat4 osg_ViewMatrixInverse;
varying vec2 vTexCoord;
varying vec3 vWorld;
void main() {
    vec4 eye = gl_ModelViewMatrix * gl_Vertex;
    vTexCoord = gl_MultiTexCoord0.xy;
    vWorld = (osg_ViewMatrixInverse * eye).xyz;
    gl_ClipVertex = eye;  // for osg::ClipPlane sections
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
