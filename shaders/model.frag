#version 120
#pragma import_defines(CUNJING_COLOUR_CHECK, CUNJING_MATERIALS, CUNJING_ALPHA_MASK)
// Imported models in the scene's light: the sun, sky ambient and haze of lit.frag, with a
// simple metallic-roughness response (Lambert, plus a Blinn-Phong highlight that narrows and
// brightens as roughness falls; metals tint it and lose their diffuse). Factors and textures
// are given in display space (ModelLayerNode.cpp brings linear factors there); light is added
// in linear space and tone mapped like everything else of ours (common.frag).
// Only parts whose material masks by alpha compile the discard in (CUNJING_ALPHA_MASK): a
// shader that may discard has its depth tested after it runs, so every hidden fragment of the
// model would be shaded. The low preset (no CUNJING_MATERIALS) has no highlight, as lit.frag.
uniform vec3 sunDirection;   // towards the sun, world space, normalised
uniform vec3 sunColor;
uniform vec3 skyAmbient;
uniform vec3 hazeColor;
uniform float hazeDistance;  // metres at which haze reaches about 63 %
uniform mat4 osg_ViewMatrixInverse;

uniform sampler2D baseColorMap;
uniform vec4 baseColor;       // factor, multiplies the texture
uniform float metallic;
uniform float roughness;
uniform vec3 emissive;
uniform bool hasBaseColorMap;
uniform float alphaCutoff;    // alpha mode mask (CUNJING_ALPHA_MASK): discard below it
uniform bool alphaBlend;      // alpha mode blend: keep alpha (transparent bin)
uniform bool doubleSided;
uniform bool modelUntextured; // inspector: factors only
uniform bool modelXray;       // inspector: translucent (blending set by setModelXray)

varying vec3 vNormal;
varying vec3 vWorld;
varying vec2 vUv;

vec3 srgbToLinear(vec3 c);
vec3 toDisplay(vec3 radiance);
float sunVisibility(float facing);

void main() {
    vec4 base = baseColor;
    if (hasBaseColorMap && !modelUntextured)
        base *= texture2D(baseColorMap, vUv);
#ifdef CUNJING_ALPHA_MASK
    if (base.a < alphaCutoff)
        discard;
#endif
#ifdef CUNJING_COLOUR_CHECK
    {
        gl_FragColor = vec4(base.rgb, alphaBlend ? base.a : 1.0);
        return;
    }
#endif
    vec3 n = normalize(vNormal);
    if (doubleSided && !gl_FrontFacing)
        n = -n;
    vec3 eye = osg_ViewMatrixInverse[3].xyz;

    float facing = dot(n, sunDirection);
    float lambert = max(facing, 0.0) * (facing > 0.0 ? sunVisibility(facing) : 1.0);
    vec3 ambient = skyAmbient * (0.65 + 0.35 * n.z);
    base.rgb = srgbToLinear(base.rgb);
    vec3 diffuse = base.rgb * (1.0 - 0.8 * metallic);
    vec3 color = diffuse * (ambient + sunColor * lambert);

#ifdef CUNJING_MATERIALS
    vec3 toEye = normalize(eye - vWorld);
    float r = clamp(roughness, 0.05, 1.0);
    float shininess = 2.0 / (r * r * r * r) - 2.0;
    vec3 h = normalize(sunDirection + toEye);
    float spec = pow(max(dot(n, h), 0.0), max(shininess, 1.0)) * (1.0 - r) * step(0.0, lambert);
    vec3 specColor = mix(vec3(0.04), base.rgb, metallic);
    color += specColor * sunColor * spec * 4.0 * lambert;
#endif
    color += srgbToLinear(emissive);

    float haze = 1.0 - exp(-distance(eye, vWorld) / hazeDistance);
    float alpha = alphaBlend ? base.a : 1.0;
    if (modelXray)
        alpha *= 0.3;
    gl_FragColor = vec4(mix(toDisplay(color), hazeColor, haze), alpha);
}
