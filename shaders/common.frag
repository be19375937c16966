#version 120
// Linked into every lit program (Shaders.cpp): the sun's shadow and water's ripples, so that
// terrain, buildings, trees and models share one light (colour.glsl has the colour spaces).
//
// What the look switches (Look.cpp) is compiled in or out by OSG shader defines, not tested
// on uniforms: a software renderer (llvmpipe) runs both sides of a branch for every pixel, so
// a shadow lookup skipped by a uniform still costs its twelve taps.
#pragma import_defines(CUNJING_SHADOWS, CUNJING_MATERIALS)
uniform sampler2DShadow shadowTexture;  // unit 1, the map osgShadow draws (Look.cpp)
uniform float shadowTaps;               // filter taps: more is softer and slower
uniform float shadowTexel;              // 1 / map size

// Taps on a disc (Poisson-like), in shadow-map texels; the first four alone make a fair
// 4-tap kernel, all twelve a soft one.
const vec2 kShadowTaps[12] = vec2[12](
    vec2(-0.61, -0.33), vec2(0.52, 0.41), vec2(-0.22, 0.78), vec2(0.35, -0.72),
    vec2(-0.95, 0.24), vec2(0.91, -0.18), vec2(0.05, -0.12), vec2(-0.48, -0.86),
    vec2(0.71, 0.83), vec2(-0.79, 0.69), vec2(0.14, 0.39), vec2(0.88, -0.67));

// How much of the sun reaches this fragment: 1 lit, 0 in shadow, between on soft edges.
// `facing` is the cosine between the surface normal and the sun: the depth bias grows on
// surfaces the sun grazes, where a shadow map's texels stretch (the cause of acne).
float sunVisibility(float facing) {
#ifndef CUNJING_SHADOWS
    return 1.0;
#else
    vec4 c = gl_TexCoord[1];
    if (c.w <= 0.0)
        return 1.0;
    vec3 p = c.xyz / c.w;
    if (p.x <= 0.0 || p.x >= 1.0 || p.y <= 0.0 || p.y >= 1.0 || p.z >= 1.0)
        return 1.0;  // outside the map: nothing there casts a shadow
    float slope = sqrt(max(1.0 - facing * facing, 0.0)) / max(facing, 0.1);
    p.z -= 0.00002 * (1.0 + min(slope, 6.0));
    float radius = 1.5 * shadowTexel;
    float lit = 0.0;
    float taps = 0.0;
    for (int i = 0; i < 12; ++i) {
        if (float(i) >= shadowTaps)
            break;
        lit += shadow2D(shadowTexture, vec3(p.xy + kShadowTaps[i] * radius, p.z)).r;
        taps += 1.0;
    }
    return lit / max(taps, 1.0);
#endif
}

uniform float waterTime;  // seconds; the viewer advances it, still renders keep it at 0

// The normal of still water at (x, y) metres: a few slow, crossing wavelets (0.7–4 m long,
// a centimetre or two high) that move with waterTime, enough to break the sky's reflection.
// They fade out where a wavelet spans less than a few pixels, so far water does not stripe.
vec3 waterNormal(vec2 xy) {
#ifndef CUNJING_MATERIALS
    return vec3(0.0, 0.0, 1.0);  // the low preset: still water
#else
    vec2 d1 = vec2(0.8, 0.6), d2 = vec2(-0.5, 0.87), d3 = vec2(0.2, -0.98), d4 = vec2(-0.9, -0.3);
    float t = waterTime;
    float fade = clamp(1.5 / max(length(fwidth(xy)), 1e-4) / 8.0 - 0.25, 0.0, 1.0);
    vec2 slope = d1 * 0.030 * cos(dot(xy, d1) * 1.6 + t * 1.3) +
                 d2 * 0.025 * cos(dot(xy, d2) * 2.7 + t * 1.9 + 1.7) +
                 d3 * 0.020 * cos(dot(xy, d3) * 4.9 + t * 2.6 + 0.6) +
                 d4 * 0.015 * cos(dot(xy, d4) * 8.3 + t * 3.4 + 2.9);
    return normalize(vec3(-slope * fade, 1.0));
#endif
}
