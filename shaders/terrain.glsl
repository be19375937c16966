#version 120
// The ground's own colour (sRGB), linked into both stages of the terrain program: the
// fragment shader evaluates it per pixel (medium and high presets), the vertex shader per
// vertex for the low preset, where llvmpipe's fragments cost most of the frame.
//
// Procedural ground for southern China when no imagery is given: paddy and village plain in
// the lowlands, broadleaf forest on the slopes, bare red earth on the steepest faces. Colours
// are tuned to photos of Pearl River Delta and Meizhou hills.
uniform vec2 heightRange;  // lowest and highest ground in the scene, metres (exaggerated)

// A hash of a 2D cell to 0..1 by arithmetic alone (Dave Hoskins' "hash without sine"):
// fract(sin(x) * 43758.5) costs llvmpipe a range-reduced sine, a tenth of the low frame.
float terrainHash(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}

float terrainNoise(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    return mix(mix(terrainHash(i), terrainHash(i + vec2(1, 0)), u.x),
               mix(terrainHash(i + vec2(0, 1)), terrainHash(i + vec2(1, 1)), u.x), u.y);
}

// Which paddy plot of about 34 x 16 m a point lies in, as a number in 0..1. Rows of plots are
// offset so the pattern does not read as a chequerboard.
float paddyPlot(vec2 xy) {
    float row = floor(xy.y / 16.0);
    return terrainHash(vec2(floor(xy.x / 34.0 + terrainHash(vec2(row, 7.0))), row));
}

// The colour at `world` with unit normal `n`: `plot` the paddy plot's shade (paddyPlot, 0..1)
// and `fine` the fine noise (0.5: none). Linear in `plot`, so a vertex can give the colours at
// 0 and 1 and a fragment mix them.
vec3 landColour(vec3 world, vec3 n, float plot, float fine) {
    float slope = 1.0 - n.z;  // 0 flat .. 1 vertical
    float rel = clamp((world.z - heightRange.x) / max(heightRange.y - heightRange.x, 1.0), 0.0, 1.0);
    float scale = max(heightRange.y - heightRange.x, 50.0);
    float n1 = terrainNoise(world.xy / (scale * 0.08));
    vec3 paddy = mix(vec3(0.49, 0.61, 0.28), vec3(0.57, 0.65, 0.32), plot);
    paddy *= 0.92 + 0.08 * fine;
    vec3 meadow = vec3(0.38, 0.50, 0.25);
    vec3 forest = mix(vec3(0.15, 0.28, 0.14), vec3(0.22, 0.36, 0.17), n1);
    vec3 earth = vec3(0.56, 0.40, 0.30);  // lateritic red soil
    vec3 rock = vec3(0.50, 0.48, 0.44);

    // Hills carry broadleaf forest; the plain is farmed; steep faces show red earth.
    float wooded = smoothstep(0.08, 0.22, rel + slope * 0.8 + (n1 - 0.5) * 0.08);
    vec3 color = mix(paddy, meadow, smoothstep(0.03, 0.09, slope));
    color = mix(color, forest, wooded);
    color = mix(color, earth, smoothstep(0.45, 0.6, slope) * 0.6);
    return mix(color, rock, smoothstep(0.7, 0.9, rel) * smoothstep(0.3, 0.6, slope) * 0.5);
}

// Water below the terrain's water level (unexaggerated `depth` metres deep): sRGB.
vec3 terrainWaterColour(float depth) {
    return mix(vec3(0.20, 0.36, 0.40), vec3(0.06, 0.16, 0.30), clamp(depth / 200.0, 0.0, 1.0));
}
