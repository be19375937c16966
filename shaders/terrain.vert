#version 120
#pragma import_defines(CUNJING_MATERIALS, CUNJING_COLOUR_CHECK)
varying vec3 vNormal;
varying vec3 vWorld;
void shadowCoordinates(vec4 eyePosition);  // common.vert

#ifndef CUNJING_MATERIALS
// The low preset lights the ground per vertex (Gouraud): the terrain is smooth, the low preset
// casts no shadows, and on llvmpipe the per-pixel ground was a third of the frame. What stays
// per pixel is the paddy plots' pattern (too fine for the vertices), the shoreline and haze.
uniform vec3 sunDirection;
uniform vec3 sunColor;
uniform vec3 skyAmbient;
uniform float hazeDistance;
uniform float exaggeration;
uniform float waterLevel;
uniform mat4 osg_ViewMatrixInverse;
varying vec3 vDisplay0, vDisplay1;  // the ground on screen, lit, with the plot's shade 0 and 1
varying vec3 vLight;                // sky and sun light reaching the ground (linear), for imagery
varying vec3 vWater;                // water on screen, the sky's reflection included
varying float vHaze;

vec3 landColour(vec3 world, vec3 n, float plot, float fine);  // terrain.glsl
vec3 terrainWaterColour(float depth);
vec3 srgbToLinear(vec3 c);                                     // common.frag
vec3 toDisplay(vec3 radiance);
vec3 skyColour(vec3 d);
float fresnelWater(float cosine);
#endif

void main() {
    vNormal = gl_Normal;
    vWorld = gl_Vertex.xyz;
    gl_ClipVertex = gl_ModelViewMatrix * gl_Vertex;
    shadowCoordinates(gl_ClipVertex);
    gl_Position = gl_ModelViewProjectionMatrix * gl_Vertex;
#ifndef CUNJING_MATERIALS
    vec3 n = normalize(gl_Normal);
    vec3 land0 = landColour(vWorld, n, 0.0, 0.5), land1 = landColour(vWorld, n, 1.0, 0.5);
    vec3 eye = osg_ViewMatrixInverse[3].xyz;
    vHaze = 1.0 - exp(-distance(eye, vWorld) / hazeDistance);
#ifdef CUNJING_COLOUR_CHECK
    vDisplay0 = land0;  // palette colours as they are
    vDisplay1 = land1;
    vLight = vec3(1.0);
    vWater = terrainWaterColour(0.0);
#else
    // Tone mapped here too: a fragment only mixes the two by its plot's shade, a small step
    // over which the curve is near linear.
    vLight = skyAmbient * (0.65 + 0.35 * n.z) + sunColor * max(dot(n, sunDirection), 0.0);
    vDisplay0 = toDisplay(srgbToLinear(land0) * vLight);
    vDisplay1 = toDisplay(srgbToLinear(land1) * vLight);
    // Still water: flat, the sky's reflection by Schlick's Fresnel term.
    vec3 toEye = normalize(eye - vWorld);
    float depth = max(waterLevel - vWorld.z / max(exaggeration, 0.01), 0.0);
    vec3 water = srgbToLinear(terrainWaterColour(depth)) *
                 (skyAmbient + sunColor * max(sunDirection.z, 0.0));
    vWater = mix(toDisplay(water), skyColour(reflect(-toEye, vec3(0.0, 0.0, 1.0))),
                 0.2 + 0.7 * fresnelWater(toEye.z));
#endif
#endif
}
