#version 120
#pragma import_defines(CUNJING_COLOUR_CHECK, CUNJING_MATERIALS)
// Procedural ground for southern China when no imagery is given: paddy and village plain in
// the lowlands, broadleaf forest on the slopes, bare red earth on the steepest faces, sea
// below zero. Colours are tuned to photos of Pearl River Delta and Meizhou hills. Light, shadow
// and tone mapping as lit.frag (common.frag).
uniform vec3 sunDirection;
uniform vec3 sunColor;
uniform vec3 skyAmbient;
uniform vec3 hazeColor;
uniform float hazeDistance;
uniform float exaggeration;
uniform vec2 heightRange;     // lowest and highest ground in the scene, metres (exaggerated)
uniform float waterLevel;     // ground below this (unexaggerated metres) is drawn as water
uniform float imageryOn;      // 1 when an image is draped on the terrain, 0 for the procedural surface
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

float hash(vec2 p) { return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453); }
float noise(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    return mix(mix(hash(i), hash(i + vec2(1, 0)), u.x), mix(hash(i + vec2(0, 1)), hash(i + vec2(1, 1)), u.x), u.y);
}

void main() {
    vec3 n = normalize(vNormal);
    float slope = 1.0 - n.z;                        // 0 flat .. 1 vertical
    float h = vWorld.z / max(exaggeration, 0.01);
    float rel = clamp((vWorld.z - heightRange.x) / max(heightRange.y - heightRange.x, 1.0), 0.0, 1.0);
    float scale = max(heightRange.y - heightRange.x, 50.0);
    float n1 = noise(vWorld.xy / (scale * 0.08));
#ifdef CUNJING_MATERIALS
    float n2 = noise(vWorld.xy / 9.0);
#else
    float n2 = 0.5;  // the low preset: no fine noise
#endif

    // Paddy plain: field plots of slightly different greens, about 30 x 15 m.
    // Rows of plots are offset so the pattern does not read as a chequerboard.
    float row = floor(vWorld.y / 16.0);
    vec2 plot = vec2(floor(vWorld.x / 34.0 + hash(vec2(row, 7.0))), row);
    float field = hash(plot);
    vec3 paddy = mix(vec3(0.49, 0.61, 0.28), vec3(0.57, 0.65, 0.32), field);
    paddy *= 0.92 + 0.08 * n2;
    vec3 meadow = vec3(0.38, 0.50, 0.25);
    vec3 forest = mix(vec3(0.15, 0.28, 0.14), vec3(0.22, 0.36, 0.17), n1);
    vec3 earth = vec3(0.56, 0.40, 0.30);            // lateritic red soil
    vec3 rock = vec3(0.50, 0.48, 0.44);

    // Hills carry broadleaf forest; the plain is farmed; steep faces show red earth.
    float wooded = smoothstep(0.08, 0.22, rel + slope * 0.8 + (n1 - 0.5) * 0.08);
    vec3 color = mix(paddy, meadow, smoothstep(0.03, 0.09, slope));
    color = mix(color, forest, wooded);
    color = mix(color, earth, smoothstep(0.45, 0.6, slope) * 0.6);
    color = mix(color, rock, smoothstep(0.7, 0.9, rel) * smoothstep(0.3, 0.6, slope) * 0.5);
    // Draped imagery replaces the procedural colour where it has data; where it has none
    // (outside it, or nodata) the procedural surface shows through.
    float photo = 0.0;
    if (imageryOn > 0.5) {
        vec4 texel = texture2D(imagery, (vWorld.xy - imageryRect.xy) * imageryRect.zw);
        color = mix(color, texel.rgb, texel.a);
        photo = texel.a;
    }
    bool water = h < waterLevel;
    if (water) {
        float depth = waterLevel - h;
        vec3 deep = mix(vec3(0.20, 0.36, 0.40), vec3(0.06, 0.16, 0.30), clamp(depth / 200.0, 0.0, 1.0));
        color = mix(deep, color, photo);             // an orthophoto already shows its water
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
