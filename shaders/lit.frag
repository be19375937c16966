#version 120
#pragma import_defines(CUNJING_COLOUR_CHECK, CUNJING_MATERIALS, CUNJING_VERTEX_LIGHT, CUNJING_GLOSSY)
// Sun (with its shadow) + sky ambient + distance haze; matches terrain.frag so everything sits
// in one light (common.frag: colour spaces, tone mapping, the shadow map).
// Faces are textured procedurally by their surface (geo::Surface): courses of blue-grey brick,
// oyster-shell scales, rammed-earth lifts, plaster stains, granite grain, timber, paving, water
// and glazed 嵌瓷. Every pattern fades to its mean where its period nears the pixel size
// (fwidth), so distant walls do not shimmer. Each surface also has relief (recessed mortar
// joints, tile channels, rammed-earth seams) that bends the normal, and a roughness that
// sets how much of the sun it gives back as a highlight.
// Water's tops and glaze shine and mirror the sky; drawables with such faces set
// CUNJING_GLOSSY (SceneGraph.cpp splits them off), and only they compile that code in: a
// software renderer runs both sides of every branch, and the shine cost every matte pixel
// about a sixth of the frame.
uniform vec3 sunDirection;   // towards the sun, world space, normalised
uniform vec3 sunColor;
uniform vec3 skyAmbient;
uniform vec3 hazeColor;
uniform float hazeDistance;  // metres at which haze reaches about 63 %
uniform mat4 osg_ViewMatrixInverse;
varying vec3 vNormal;
varying vec4 vColor;
varying vec3 vWorld;
varying float vSurface;

vec3 srgbToLinear(vec3 c);
vec3 toDisplay(vec3 radiance);
float sunVisibility(float facing);
vec3 waterNormal(vec2 xy);
vec3 skyColour(vec3 d);
float fresnelWater(float cosine);

// Set by textured() for main(): the face's relief in metres (0 flat, negative recessed) and
// its roughness (0 mirror .. 1 matte).
float relief = 0.0;
float roughness = 1.0;

float hash(vec2 p) {
    return fract(sin(dot(p, vec2(127.1, 311.7))) * 43758.5453);
}

float noise(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    f = f * f * (3.0 - 2.0 * f);
    return mix(mix(hash(i), hash(i + vec2(1.0, 0.0)), f.x),
               mix(hash(i + vec2(0.0, 1.0)), hash(i + vec2(1.0, 1.0)), f.x), f.y);
}

// Face coordinates in metres: along the wall and up on walls, east and north on flat faces.
vec2 faceUV(vec3 n, vec3 w) {
    if (abs(n.z) > 0.7)
        return w.xy;
    vec2 t = normalize(vec2(-n.y, n.x) + vec2(1e-6, 0.0));
    return vec2(dot(w.xy, t), w.z);
}

// 1 where a pattern of this period (metres) spans several pixels, 0 where it would alias.
float visible(vec2 uv, float period) {
    vec2 fw = fwidth(uv);
    float pixel = max(max(fw.x, fw.y), 1e-5);
    return clamp(period / pixel / 2.0 - 0.5, 0.0, 1.0);
}

// Courses of units (w x h metres) with joints, every other course shifted by half a unit;
// returns the shade: unit colour varied per unit, joints lighter (lime mortar).
float courses(vec2 uv, float w, float h, float joint, float vary, float mortar) {
    float row = floor(uv.y / h);
    float u = uv.x / w + 0.5 * mod(row, 2.0);
    vec2 cell = vec2(floor(u), row);
    vec2 f = vec2(fract(u) * w, fract(uv.y / h) * h);
    float inJoint = (f.x < joint || f.y < joint) ? 1.0 : 0.0;
    float unit = 1.0 + vary * (hash(cell) - 0.5) + 0.06 * (noise(uv * 9.0) - 0.5);
    return mix(unit, mortar, inJoint);
}

// 1 in the joints of courses() with the same units, 0 on the units.
float jointOf(vec2 uv, float w, float h, float joint) {
    float row = floor(uv.y / h);
    float u = uv.x / w + 0.5 * mod(row, 2.0);
    vec2 f = vec2(fract(u) * w, fract(uv.y / h) * h);
    return (f.x < joint || f.y < joint) ? 1.0 : 0.0;
}

// The normal bent by a height field h (metres) over the surface, from screen-space
// derivatives of position and height (Mikkelsen's bump mapping without tangents): no tangent
// frames or maps needed for procedural relief.
vec3 bumped(vec3 n, vec3 position, float h) {
    vec3 dpdx = dFdx(position), dpdy = dFdy(position);
    float dhdx = dFdx(h), dhdy = dFdy(h);
    vec3 r1 = cross(dpdy, n), r2 = cross(n, dpdx);
    float det = dot(dpdx, r1);
    vec3 grad = sign(det) * (dhdx * r1 + dhdy * r2);
    vec3 b = abs(det) * n - grad;
    return dot(b, b) > 1e-20 ? normalize(b) : n;
}

float oysterScales(vec2 uv) {
    // Shells laid in rows, mouths outwards: pale ridged ovals with dark gaps between them.
    vec2 size = vec2(0.16, 0.09);
    float row = floor(uv.y / size.y);
    vec2 p = vec2(uv.x / size.x + 0.5 * mod(row, 2.0), uv.y / size.y);
    vec2 cell = floor(p);
    vec2 f = fract(p) - 0.5;
    f.x += 0.15 * (hash(cell) - 0.5);
    float d = length(f * vec2(1.0, 1.6));
    float rim = smoothstep(0.5, 0.38, d) * (0.85 + 0.3 * smoothstep(0.2, 0.4, d));
    float ridges = 0.92 + 0.08 * sin(d * 60.0);
    return mix(0.55, 1.12 * ridges, rim) * (0.9 + 0.2 * hash(cell + 7.0));
}

float rammedEarth(vec2 uv) {
    // Lifts of 夯土 about 0.5 m high, each a little different, with a dark seam between.
    float lift = floor(uv.y / 0.5);
    float f = fract(uv.y / 0.5);
    float seam = 1.0 - 0.18 * smoothstep(0.06, 0.0, f);
    return (0.94 + 0.1 * hash(vec2(lift, 3.0))) * seam * (0.9 + 0.2 * noise(uv * vec2(2.0, 6.0)));
}

vec3 textured(float s, vec3 n, vec3 base, out float gloss) {
    gloss = 0.0;
#ifndef CUNJING_MATERIALS
    // The low preset: flat colours, cheap on software renderers; water and glaze keep their
    // shine, water's kerbs their stone.
    if (s > 8.5 && s < 9.5)
        gloss = n.z < 0.7 ? 0.0 : 0.8;
    else if (s > 9.5 && s < 10.5)
        gloss = 1.0;
    return (s > 8.5 && s < 9.5 && n.z < 0.7) ? vec3(0.56, 0.54, 0.5) : base;
#else
    vec2 uv = faceUV(n, vWorld);
    float shade = 1.0;
    if (s < 0.5) {  // Plain
        return base;
    } else if (s < 1.5) {  // Brick: 240 x 53 mm 青砖 with thin joints, pointed 5 mm deep
        float v = visible(uv, 0.065);
        shade = mix(1.0, courses(uv, 0.25, 0.065, 0.008, 0.22, 1.3), v);
        relief = -0.005 * jointOf(uv, 0.25, 0.065, 0.008) * v;
        roughness = 0.85;
    } else if (s < 2.5) {  // Oyster shell: domed shells standing out of the lime
        float v = visible(uv, 0.09);
        float o = oysterScales(uv);
        shade = mix(0.95, o, v);
        relief = 0.012 * (o - 0.55) * v;
        roughness = 0.5;
    } else if (s < 3.5) {  // Rammed earth
        float v = visible(uv, 0.5);
        shade = mix(1.0, rammedEarth(uv), v);
        relief = -0.01 * smoothstep(0.06, 0.0, fract(uv.y / 0.5)) * v;
        roughness = 0.95;
    } else if (s < 4.5) {  // Lime plaster: broad weathering stains, fine grain
        float v = visible(uv, 0.07);
        float grain = mix(0.5, noise(uv * 14.0), v);
        shade = 0.93 + 0.12 * noise(uv * 0.9) + 0.05 * grain;
        relief = 0.0015 * grain;
        roughness = 0.9;
    } else if (s < 5.5) {  // Granite: ashlar blocks, salt-and-pepper grain
        float v = visible(uv, 0.4);
        float blocks = mix(1.0, courses(uv, 1.1, 0.4, 0.012, 0.12, 0.7), v);
        shade = blocks * mix(1.0, 0.85 + 0.3 * hash(floor(uv * 70.0)), visible(uv, 0.03));
        relief = -0.008 * jointOf(uv, 1.1, 0.4, 0.012) * v;
        roughness = 0.6;
    } else if (s < 6.5) {  // Tile: each tile a little lighter or darker, in channels
        float v = visible(uv, 0.2);
        shade = mix(1.0, 0.9 + 0.18 * hash(floor(uv * vec2(5.0, 4.0))), v);
        // Rows of pan tiles run down the slope: across it they rise and fall every 0.22 m.
        vec2 down = normalize(n.xy + vec2(1e-6, 0.0));
        float across = dot(vWorld.xy, vec2(-down.y, down.x));
        relief = 0.012 * sin(across * 6.2832 / 0.22) * v;
        roughness = 0.55;
    } else if (s < 7.5) {  // Timber: grain along the boards
        vec2 g = abs(n.z) > 0.7 ? uv : uv.yx;
        shade = mix(1.0, 0.9 + 0.1 * sin(g.y * 90.0 + 6.0 * noise(g * vec2(0.8, 3.0))),
                    visible(uv, 0.07));
        roughness = 0.75;
    } else if (s < 8.5) {  // Paving: granite slabs in stretcher bond
        float v = visible(uv, 0.3);
        shade = mix(1.0, courses(uv, 0.9, 0.6, 0.02, 0.16, 0.7), v);
        relief = -0.006 * jointOf(uv, 0.9, 0.6, 0.02) * v;
        roughness = 0.7;
    } else if (s < 9.5) {  // Water; its kerb walls read as stone
        if (n.z < 0.7) {
            float v = visible(uv, 0.3);
            shade = mix(1.0, courses(uv, 0.8, 0.3, 0.015, 0.15, 0.75), v);
            relief = -0.008 * jointOf(uv, 0.8, 0.3, 0.015) * v;
            roughness = 0.6;
            return vec3(0.56, 0.54, 0.5) * shade;
        }
        gloss = 0.8;
        shade = 0.94 + 0.12 * noise(uv * vec2(0.6, 2.5));
    } else if (s < 10.5) {  // Ceramic shards of 嵌瓷: glazed, a little uneven
        gloss = 1.0;
        shade = mix(1.0, 0.85 + 0.3 * hash(floor(uv * 12.0)), visible(uv, 0.08));
    } else if (s < 11.5) {  // Turf
        shade = 0.85 + 0.3 * noise(uv * 1.5) * mix(0.5, noise(uv * 11.0), visible(uv, 0.1));
    } else if (s < 12.5) {  // Paddy: rows of rice hills 25 cm apart, glints of water between
        float v = visible(uv, 0.25);
        float across = abs(fract(uv.y / 0.25) - 0.5) * 2.0;  // 0 on a row .. 1 between rows
        float hill = 1.0 - smoothstep(0.35, 0.9, across);
        float tuft = 0.9 + 0.2 * hash(floor(uv * vec2(5.0, 4.0)));
        shade = mix(1.0, mix(0.55, 1.08 * tuft, hill), v) * (0.93 + 0.14 * noise(uv * 0.3));
        relief = 0.06 * hill * v;
        roughness = 0.9;
    } else {  // Vegetables: beds of greens 1.15 m wide between 35 cm furrows of bare soil
        float v = visible(uv, 0.35);
        float f = fract(uv.x / 1.5) * 1.5;
        float furrow = smoothstep(1.09, 1.17, f) * (1.0 - smoothstep(1.42, 1.5, f)) * v;
        float leaves = mix(1.0, 0.8 + 0.4 * noise(uv * 6.0), visible(uv, 0.15));
        relief = -0.12 * furrow;
        roughness = 0.9;
        return mix(base * leaves, vec3(0.45, 0.34, 0.24), furrow);
    }
    return base * shade;
#endif
}

#if !defined(CUNJING_MATERIALS) && defined(CUNJING_VERTEX_LIGHT)
varying vec3 vDisplay;  // lit.vert: the low preset's light, per vertex
varying float vHaze;
varying float vGloss;

void main() {
#ifdef CUNJING_COLOUR_CHECK
    {
        gl_FragColor = vColor;
        return;
    }
#endif
    vec3 display = vDisplay;
#ifdef CUNJING_GLOSSY
    if (vGloss > 0.0) {
        // Water's tops and glaze shine as in the per-pixel main below, added in display space.
        vec3 n = normalize(vNormal);
        vec3 toEye = normalize(osg_ViewMatrixInverse[3].xyz - vWorld);
        float r = max(dot(reflect(-sunDirection, n), toEye), 0.0);  // spec = r^40
        float r4 = r * r * r * r, r8 = r4 * r4, r32 = r8 * r8 * r8 * r8;
        display += vGloss * 0.6 * sunColor * r32 * r8 * step(0.0, dot(n, sunDirection));
        float reflection = fresnelWater(dot(n, toEye)) * step(0.7, n.z) * vGloss;
        display = mix(display, skyColour(reflect(-toEye, n)), reflection);
    }
#endif
    gl_FragColor = vec4(mix(display, hazeColor, vHaze), vColor.a);
}
#else
void main() {
#ifdef CUNJING_COLOUR_CHECK
    {
        // Even light: the palette colour exactly as specified, no pattern, shade or haze.
        gl_FragColor = vColor;
        return;
    }
#endif
    vec3 geometric = normalize(vNormal);
    float gloss;
    vec3 base = srgbToLinear(textured(vSurface, geometric, vColor.rgb, gloss));
    // The shadow test keeps the geometric normal (its bias follows the face, not the relief).
    float facing = dot(geometric, sunDirection);
    float visibility = facing > 0.0 ? sunVisibility(facing) : 1.0;
#ifdef CUNJING_MATERIALS
    vec3 n = bumped(geometric, vWorld, relief);
#else
    vec3 n = geometric;  // flat materials have no relief and no highlight (roughness 1)
#endif
    float sun = max(dot(n, sunDirection), 0.0) * step(0.0, facing) * visibility;
    // Hemisphere ambient: faces turned to the sky get more of it than faces turned down.
    vec3 ambient = skyAmbient * (0.65 + 0.35 * n.z);
    vec3 color = base * (ambient + sunColor * sun);
    vec3 eye = osg_ViewMatrixInverse[3].xyz;
    vec3 toEye = normalize(eye - vWorld);
#ifdef CUNJING_MATERIALS
    // A highlight that narrows and brightens as roughness falls (tile and granite glint a
    // little in low sun; plaster and earth stay matte).
    float shininess = 2.0 / pow(roughness, 4.0) - 2.0;
    vec3 halfway = normalize(sunDirection + toEye);
    color += 0.04 * (1.0 - roughness) * sunColor * sun * pow(max(dot(n, halfway), 0.0),
                                                                max(shininess, 1.0)) * 8.0;
#endif
    vec3 display = toDisplay(color);
#ifdef CUNJING_GLOSSY
    if (gloss > 0.0) {
        if (vSurface > 8.5 && vSurface < 9.5)
            n = waterNormal(vWorld.xy);  // pond surfaces (gloss is set only on their tops)
        // Glaze and water: a sun highlight, and still water mirrors the sky, weakly when looked
        // at from above and strongly at grazing angles (Schlick's Fresnel term).
        float r = max(dot(reflect(-sunDirection, n), toEye), 0.0);  // spec = r^40
        float r4 = r * r * r * r, r8 = r4 * r4, r32 = r8 * r8 * r8 * r8;
        float spec = r32 * r8;
        color += gloss * 0.6 * sunColor * spec * sun;
        float fresnel = fresnelWater(dot(n, toEye));
        float reflection = fresnel * step(0.7, n.z) * gloss;
        display = mix(toDisplay(color), skyColour(reflect(-toEye, n)), reflection);
    }
#endif
    float haze = 1.0 - exp(-distance(eye, vWorld) / hazeDistance);
    gl_FragColor = vec4(mix(display, hazeColor, haze), vColor.a);
}
#endif
