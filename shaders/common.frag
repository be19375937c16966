#version 120
// Linked into every lit program (Shaders.cpp): colour spaces, tone mapping and the sun's
// shadow, so that terrain, buildings, trees and models share one light.
//
// What the look switches (Look.cpp) is compiled in or out by OSG shader defines, not tested
// on uniforms: a software renderer (llvmpipe) runs both sides of a branch for every pixel, so
// a shadow lookup skipped by a uniform still costs its twelve taps.
#pragma import_defines(CUNJING_SHADOWS, CUNJING_MATERIALS)
//
// Colours in our meshes and palettes are sRGB as written (#RRGGBB / 255). Light is added in
// linear space, the sum tone mapped (ACES filmic fit) and encoded back to sRGB; haze is mixed
// after that, in display space, so the horizon meets the sky exactly.
uniform sampler2DShadow shadowTexture;  // unit 1, the map osgShadow draws (Look.cpp)
uniform float shadowTaps;               // filter taps: more is softer and slower
uniform float shadowTexel;              // 1 / map size
uniform float exposureStops;            // light before tone mapping times 2^stops (default 0)

// The low preset (no CUNJING_MATERIALS) converts with polynomial fits instead of pow: about a
// tenth of its frame on llvmpipe, for colours within 6/255 of the exact curve (least squares
// over 0..1; the colour check converts nothing and stays exact).
vec3 srgbToLinear(vec3 c) {
#ifdef CUNJING_MATERIALS
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(0.04045, c));
#else
    return c * c * (0.7163 + 0.2839 * c);
#endif
}

vec3 linearToSrgb(vec3 c) {
    c = clamp(c, 0.0, 1.0);
#ifdef CUNJING_MATERIALS
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
#else
    vec3 s = sqrt(c);
    return s * (1.1506 + s * (-0.1632 + 0.0111 * s));
#endif
}

// Linear light to the display: the ACES filmic curve (Narkowicz's fit) keeps mid-tones and
// rolls highlights off instead of clipping sunlit plaster to white.
vec3 toDisplay(vec3 radiance) {
    vec3 x = radiance * 0.68 * exp2(exposureStops);
    return linearToSrgb((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14));
}

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

// Schlick's Fresnel term for water (reflectance 0.02 head on) at this cosine between the
// normal and the view; the fifth power by multiplication (pow is exp2 of log2 on llvmpipe).
float fresnelWater(float cosine) {
    float m = 1.0 - max(cosine, 0.0);
    float m2 = m * m;
    return 0.02 + 0.98 * m2 * m2 * m;
}

uniform vec3 hazeColor;
uniform vec3 zenithColor;

// The sky's colour (display space) looking along d: haze at the horizon to the zenith's blue.
vec3 skyColour(vec3 d) {
    return mix(hazeColor, zenithColor, pow(clamp(d.z, 0.0, 1.0), 0.45));
}
