#version 120
// Linked into both stages of every program (Shaders.cpp): colour spaces, tone mapping, water's
// Fresnel term and the sky's colour, so that terrain, buildings, trees and models share one
// light, and a vertex shader (the low preset's terrain) converts exactly as a fragment does.
// Nothing here may use a fragment-only built-in (fwidth, dFdx).
#pragma import_defines(CUNJING_MATERIALS)
//
// Colours in our meshes and palettes are sRGB as written (#RRGGBB / 255). Light is added in
// linear space, the sum tone mapped (ACES filmic fit) and encoded back to sRGB; haze is mixed
// after that, in display space, so the horizon meets the sky exactly.
uniform float exposure;  // light before tone mapping times this (1: as lit)

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
    vec3 x = radiance * (0.68 * exposure);
    return linearToSrgb((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14));
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
#ifdef CUNJING_MATERIALS
    return mix(hazeColor, zenithColor, pow(clamp(d.z, 0.0, 1.0), 0.45));
#else
    return mix(hazeColor, zenithColor, sqrt(clamp(d.z, 0.0, 1.0)));  // the low preset: no pow
#endif
}
