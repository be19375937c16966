#version 120
// A full-screen quad given in clip space. The view direction of each corner comes from the
// inverse projection and inverse model-view (the sky has no model transform, so that is the
// inverse view), so the horizon and the sun sit where the camera sees them.
varying vec3 vDirection;
void main() {
    vec4 viewDir = gl_ProjectionMatrixInverse * vec4(gl_Vertex.xy, 1.0, 1.0);
    vDirection = (gl_ModelViewMatrixInverse * vec4(viewDir.xyz / viewDir.w, 0.0)).xyz;
    gl_Position = vec4(gl_Vertex.xy, 0.9999, 1.0);
}
