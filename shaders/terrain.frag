#version 120
#pragma import_defines(CUNJING_COLOUR_CHECK, CUNJING_MATERIALS, CUNJING_IMAGERY)
// The ground: its own colour (terrain.glsl) or draped imagery, lit as lit.frag lights
// buildings (common.frag); water below the water level. The low preset (no CUNJING_MATERIALS)
// gets its light and colours from the vertex shader.
uniform vec3 sunDirection;
uniform vec3 sunColor;
uniform vec3 skyAmbient;
uniform vec3 hazeColor;
uniform float hazeDistance;
uniform float exaggeration;
uniform float waterLevel;     // ground below this (unexaggerated metres) is drawn as water
uniform sampler2D imagery;    // the image, warped onto the terrain's extent; alpha 0 = no data
uniform vec4 imageryRect;     // local xmin, ymin of the image and 1/width, 1/height (metres)
uniform mat4 osg_ViewMatrixInverse;
varying vec3 vNormal;
varying vec3 vWorld;

vec3 srgbToLinear(vec3 c);
vec3 toDisplay(vec3 radiance);
float sunVisibility(float facing);
vec3 waterNormal(vec2 xy);
vec3 skyColour(vec3 d);
float fresnelWater(float cosine);

vec3 landColour(vec3 world, vec3 n, float plot, float fine);  // terrain.glsl
float paddyPlot(vec2 xy);
float terrainNoise(vec2 p);
vec3 terrainWaterColour(float depth);

#ifndef CUNJING_MATERIALS
varying vec3 vDisplay0, vDisplay1;  // terrain.vert
varying vec3 vLight;
varying vec3 vWater;
varying float vHaze;

void main() {
    vec3 display = mix(vDisplay0, vDisplay1, paddyPlot(vWorld.xy));
    float photo = 0.0;
#ifdef CUNJING_IMAGERY
    vec4 texel = texture2D(imagery, (vWorld.xy - imageryRect.xy) * imageryRect.zw);
#ifdef CUNJING_COLOUR_CHECK
    display = mix(display, texel.rgb, texel.a);
#else
    display = mix(display, toDisplay(srgbToLinear(texel.rgb) * vLight), texel.a);
#endif
    photo = texel.a;
#endif
    if (vWorld.z / max(exaggeration, 0.01) < waterLevel)
        display = mix(vWater, display, photo);  // an orthophoto already shows its water
#ifdef CUNJING_COLOUR_CHECK
    gl_FragColor = vec4(display, 1.0);
#else
    gl_FragColor = vec4(mix(display, hazeColor, vHaze), 1.0);
#endif
}
#else
void main() {
    vec3 n = normalize(vNormal);
    float h = vWorld.z / max(exaggeration, 0.01);
    vec3 color = landColour(vWorld, n, paddyPlot(vWorld.xy), terrainNoise(vWorld.xy / 9.0));
    // Draped imagery replaces the procedural colour where it has data; where it has none
    // (outside it, or nodata) the procedural surface shows through.
    float photo = 0.0;
#ifdef CUNJING_IMAGERY
    vec4 texel = texture2D(imagery, (vWorld.xy - imageryRect.xy) * imageryRect.zw);
    color = mix(color, texel.rgb, texel.a);
    photo = texel.a;
#endif
    bool water = h < waterLevel;
    if (water) {
        color = mix(terrainWaterColour(waterLevel - h), color, photo);  // an orthophoto shows its own
        n = waterNormal(vWorld.xy);                  // the water surface is flat, with ripples
    }
#ifdef CUNJING_COLOUR_CHECK
    {
        gl_FragColor = vec4(color, 1.0);
        return;
    }
#endif

    float facing = dot(n, sunDirection);
    float sun = max(facing, 0.0) * (facing > 0.0 ? sunVisibility(facing) : 1.0);
    vec3 lit = srgbToLinear(color) * (skyAmbient * (0.65 + 0.35 * n.z) + sunColor * sun);
    vec3 eye = osg_ViewMatrixInverse[3].xyz;
    vec3 display;
    if (water) {
        // Sky reflection (Schlick's Fresnel) and sun glint make still water read as water, not
        // as blue ground.
        vec3 toEye = normalize(eye - vWorld);
        float fresnel = fresnelWater(dot(n, toEye));
        float g = max(dot(reflect(-sunDirection, n), toEye), 0.0);  // glint: g^80
        float g4 = g * g * g * g, g16 = g4 * g4 * g4 * g4;
        lit += sunColor * sun * g16 * g16 * g16 * g16 * g16;
        display = mix(toDisplay(lit), skyColour(reflect(-toEye, n)), 0.2 + 0.7 * fresnel);
    } else {
        display = toDisplay(lit);
    }
    float haze = 1.0 - exp(-distance(eye, vWorld) / hazeDistance);
    gl_FragColor = vec4(mix(display, hazeColor, haze), 1.0);
}
#endif
