#version 120
// Linked into every lit program (Shaders.cpp): the vertex's place in the sun's shadow map.
// osgShadow's view-dependent shadow map sets eye-linear planes on texture unit 1 each frame
// (fixed-function texgen); a vertex shader must apply them itself.
void shadowCoordinates(vec4 eyePosition) {
    gl_TexCoord[1] = vec4(dot(eyePosition, gl_EyePlaneS[1]), dot(eyePosition, gl_EyePlaneT[1]),
                          dot(eyePosition, gl_EyePlaneR[1]), dot(eyePosition, gl_EyePlaneQ[1]));
}
