#version 120
// Imported models: world-space normal and position (the model's transform applied through the
// view inverse, as lit.vert does for trees), base-colour UVs, and gl_ClipVertex so that
// osg::ClipPlane sections cut models as they cut the rest.
uniform mat4 osg_ViewMatrixInverse;
varying vec3 vNormal;
varying vec3 vWorld;
varying vec2 vUv;
void shadowCoordinates(vec4 eyePosition);  // common.vert
void main() {
    vec4 eye = gl_ModelViewMatrix * gl_Vertex;
    vNormal = mat3(osg_ViewMatrixInverse) * (gl_NormalMatrix * gl_Normal);
    vWorld = (osg_ViewMatrixInverse * eye).xyz;
    vUv = gl_MultiTexCoord0.xy;
    gl_ClipVertex = eye;
    shadowCoordinates(eye);
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
}
