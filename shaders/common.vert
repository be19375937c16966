#version 120
// Linked into every lit program (Shaders.cpp) and the shadow casters' program (Look.cpp).
#pragma import_defines(CUNJING_INSTANCED)

// osgShadow's view-dependent shadow map sets eye-linear planes on texture unit 1 each frame
// (fixed-function texgen); a vertex shader must apply them itself: the vertex's place in the
// sun's shadow map.
void shadowCoordinates(vec4 eyePosition) {
    gl_TexCoord[1] = vec4(dot(eyePosition, gl_EyePlaneS[1]), dot(eyePosition, gl_EyePlaneT[1]),
                          dot(eyePosition, gl_EyePlaneR[1]), dot(eyePosition, gl_EyePlaneQ[1]));
}

// Instanced drawing (the generated greenery, Greenery.cpp): one template mesh drawn many times,
// each instance placed by two attributes that advance once an instance (divisor 1). Compiled in
// only for drawables that set the define, so everything else pays nothing.
#ifdef CUNJING_INSTANCED
attribute vec4 instancePlace;  // x, y, z of the base in the scene's local frame; yaw, radians
attribute vec2 instanceSize;   // the template's horizontal and vertical scale
#endif

// The template's vertex in the drawable's frame: scaled, turned about z, moved to its base.
vec4 placedVertex(vec4 v) {
#ifdef CUNJING_INSTANCED
    float c = cos(instancePlace.w), s = sin(instancePlace.w);
    vec2 xy = v.xy * instanceSize.x;
    return vec4(c * xy.x - s * xy.y + instancePlace.x, s * xy.x + c * xy.y + instancePlace.y,
                v.z * instanceSize.y + instancePlace.z, 1.0);
#else
    return v;
#endif
}

// Its normal, under the same scale (inverse transpose) and turn.
vec3 placedNormal(vec3 n) {
#ifdef CUNJING_INSTANCED
    float c = cos(instancePlace.w), s = sin(instancePlace.w);
    vec3 m = n / instanceSize.xxy;
    return normalize(vec3(c * m.x - s * m.y, s * m.x + c * m.y, m.z));
#else
    return n;
#endif
}
