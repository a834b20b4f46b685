"""Drawings of the sample's objects that are not paper: arms, helmets, finds, badges, textiles.

Each function draws one kind of object in the 1000×560 design space of
`drawing.Pen`, with what makes it that object: the Type 90 helmet's short
flared brim and star, the German-pattern M35's visor and flared skirt, the
senninbari's rows of red knots round a tiger, the blood chit's Republic of
China flag over its columns of characters. Symbols follow the originals (the
ROC flag: red field, blue canton, white sun of twelve rays); nothing is drawn
in the colours and shapes of another army's insignia.
"""
from __future__ import annotations

import math
import random
from typing import Sequence

from exhibit.sample.drawing import (
    BRASS,
    CARDBOARD,
    CERAMIC,
    CLOTH_RED,
    COPPER,
    LEATHER,
    OBJ_INK,
    PAINT_BLUE,
    PRINT_BLACK,
    ROC_BLUE,
    ROC_WHITE,
    RUST,
    SEAL_RED,
    STEEL,
    STEEL_LIGHT,
    WOOD,
    Colour,
    Pen,
    Point,
    bezier,
    chaikin,
    darker,
    ellipse_pts,
    inside,
    lighter,
    mix,
    rotate,
    star_pts,
)
from exhibit.sample.drawings_paper import stain

CLEAR: Colour = (0, 0, 0, 0)  # paint with this to make a hole through the object


def blotches(p: Pen, x0: float, y0: float, x1: float, y1: float, rnd: random.Random, colour: Colour,
             n: int = 20, size: float = 10, within: list[Point] | None = None) -> None:
    """Irregular patches (rust, corrosion, worn paint) scattered over a box, or only where `within` is."""
    for _ in range(n):
        cx, cy = rnd.uniform(x0, x1), rnd.uniform(y0, y1)
        r = rnd.uniform(size * 0.4, size)
        if within is not None and not all(inside((cx + dx, cy + dy), within)
                                          for dx, dy in ((-r, 0), (r, 0), (0, -r), (0, r))):
            continue
        pts = [(cx + r * rnd.uniform(0.6, 1.2) * math.cos(a), cy + r * rnd.uniform(0.5, 1.0) * math.sin(a))
               for a in (2 * math.pi * k / 9 for k in range(9))]
        p.poly(pts, colour, None, 0)


# --------------------------------------------------------------------------
# Helmets

def draw_helmet_type90(p: Pen, rnd: random.Random) -> None:
    """The Japanese Army Type 90 helmet, three-quarter front: a tall round dome whose lower edge flares out
    into a short sloping skirt all round, the five-pointed star on the front, cloth chin tapes; rusted, dented."""
    khaki = (118, 108, 70)
    for side in (-1, 1):  # chin tapes hang below
        tape = bezier((500 + side * 200, 384), (500 + side * 206, 470), (500 + side * 120, 520), (500 + side * 60, 540))
        p.line(tape, OBJ_INK, 15)
        p.line(tape, (196, 184, 150), 11)
    # the far side of the skirt, seen below the dome's edge at the sides
    p.ell(500, 386, 258, 44, darker(khaki, 0.3))
    dome = [(500 - 228 * math.cos(math.radians(t)), 352 - 248 * math.sin(math.radians(t)) ** 0.72)
            for t in range(0, 181, 5)]
    base = ellipse_pts(500, 352, 228, 34, 0, 180, n=40)[::-1]  # where dome meets skirt, near side
    shell = dome + base[1:-1]
    p.poly(shell, khaki)
    skirt = ellipse_pts(500, 352, 228, 34, 0, 180, n=40) + ellipse_pts(500, 386, 258, 44, 0, 180, n=40)[::-1]
    p.poly(skirt, darker(khaki, 0.1))
    p.line(ellipse_pts(500, 386, 254, 40, 8, 172, n=40), lighter(khaki, 0.25), 3)  # the rolled lower edge
    p.line([(500 - 186 * math.cos(math.radians(t)), 340 - 214 * math.sin(math.radians(t)) ** 0.72)
            for t in range(35, 100, 5)], lighter(khaki, 0.25), 16)
    blotches(p, 300, 150, 700, 340, rnd, RUST, 16, 18, within=shell)
    blotches(p, 250, 350, 750, 436, rnd, darker(RUST, 0.1), 10, 10, within=skirt)
    p.ell(628, 236, 38, 28, darker(khaki, 0.18), None)  # a dent on the right side
    p.arc(628, 236, 38, 28, 200, 330, lighter(khaki, 0.3), 4)
    p.poly(star_pts(476, 270, 42, 17), BRASS, darker(BRASS, 0.45), 2.5)  # the star badge on the front
    p.poly(star_pts(476, 270, 29, 12), lighter(BRASS, 0.2), None, 0)
    p.poly(shell, None)
    p.poly(skirt, None)


def draw_helmet_m35(p: Pen, rnd: random.Random) -> None:
    """The German-pattern M35 helmet in profile: short visor, high dome, the skirt flaring out at the back
    with the step over the ear, the air-vent boss; most paint gone, a splinter score along the side."""
    steel = (120, 114, 102)
    paint = (100, 104, 88)  # field grey, worn thin
    outline = (chaikin([(226, 366), (262, 350), (296, 332), (306, 280), (338, 206), (410, 150), (520, 126),
                        (630, 140), (712, 196), (752, 270), (770, 330), (800, 392), (842, 436)], 3)
               + chaikin([(842, 436), (808, 446), (752, 430), (700, 396), (672, 362), (560, 358),
                          (440, 362), (340, 370), (280, 376), (238, 378), (226, 366)], 2)[1:])
    p.poly(outline, steel)
    # what is left of the paint, in worn patches
    for cx, cy, r in ((420, 230, 60), (560, 200, 48), (650, 270, 40), (380, 330, 30), (520, 320, 34)):
        pts = [(cx + r * rnd.uniform(0.5, 1.2) * math.cos(a), cy + r * rnd.uniform(0.4, 0.9) * math.sin(a))
               for a in (2 * math.pi * k / 11 for k in range(11))]
        p.poly(pts, paint, None, 0)
    blotches(p, 320, 170, 760, 360, rnd, mix(steel, RUST, 0.55), 16, 10)
    # the rolled edge and the step above the ear
    edge = chaikin([(250, 372), (340, 366), (440, 358), (560, 352), (668, 356), (712, 392), (760, 424),
                    (836, 432)], 2)
    p.line(edge, lighter(steel, 0.3), 3)
    p.line(chaikin([(304, 332), (430, 318), (560, 314), (668, 322), (700, 350)], 2), darker(steel, 0.3), 3)
    p.line(chaikin([(350, 196), (430, 152), (540, 138)], 2), lighter(steel, 0.35), 10)
    # the vent boss and the splinter score
    p.ell(410, 254, 13, 13, lighter(steel, 0.2), OBJ_INK, 2.5)
    p.ell(410, 254, 5, 5, OBJ_INK, None)
    p.line([(500, 236), (590, 222), (664, 214)], (214, 210, 200), 4)
    p.line([(502, 242), (590, 228), (660, 221)], darker(steel, 0.4), 2)
    # a stub of the perished chin strap
    p.line(bezier((560, 356), (566, 400), (556, 430), (540, 448)), OBJ_INK, 13)
    p.line(bezier((560, 356), (566, 400), (556, 430), (540, 448)), LEATHER, 8)
    p.poly(outline, None)


# --------------------------------------------------------------------------
# Arms

def draw_rifle(p: Pen, rnd: random.Random) -> None:
    """A Mauser-pattern bolt-action rifle (the Type 24): long wooden stock, barrel bands, bolt, sling."""
    sling = bezier((175, 330), (320, 440), (580, 420), (705, 298))
    p.line(sling, OBJ_INK, 13)
    p.line(sling, (132, 116, 76), 8)
    p.rect(420, 265, 955, 279, STEEL)
    p.poly([(936, 265), (941, 254), (949, 254), (951, 265)], STEEL_LIGHT, width=2)
    wood = [(70, 256), (110, 259), (250, 274), (292, 280), (318, 280), (330, 276), (790, 276),
            (800, 281), (794, 292), (460, 296), (452, 310), (390, 310), (372, 298), (322, 300),
            (290, 306), (250, 318), (110, 344), (70, 348)]
    p.poly(wood, WOOD)
    for a, b in ((262, 272), (276, 300), (290, 318)):
        p.line(chaikin([(92, b + 6), (170, (a + b) / 2 + 14), (260, a + 10)], 2), darker(WOOD, 0.22), 1.5)
    p.line([(520, 284), (770, 283)], darker(WOOD, 0.2), 1.5)
    for x, y in ((150, 330), (230, 318), (610, 292)):  # chips in the stock
        p.poly([(x, y), (x + 18, y - 3), (x + 10, y + 6)], lighter(WOOD, 0.35), None, 0)
    p.rect(64, 254, 76, 350, STEEL, width=2.5)
    p.rect(300, 260, 452, 283, STEEL)
    p.rect(318, 255, 420, 268, STEEL_LIGHT, width=2.5, r=5)
    p.line([(372, 266), (386, 300)], OBJ_INK, 8)
    p.line([(372, 266), (386, 300)], STEEL_LIGHT, 4)
    p.ell(388, 304, 9, 9, STEEL_LIGHT, width=2.5)
    p.rect(470, 256, 505, 265, STEEL, width=2)
    p.arc(420, 306, 26, 22, 0, 180, OBJ_INK, 4)
    p.line([(418, 298), (412, 318)], OBJ_INK, 3.5)
    for x in (560, 772):
        p.rect(x, 271, x + 12, 300, STEEL, width=2.5)
    p.ell(176, 330, 7, 7, STEEL_LIGHT, width=2.5)
    p.ell(705, 298, 7, 7, STEEL_LIGHT, width=2.5)


def draw_bayonet(p: Pen, rnd: random.Random) -> None:
    """A knife bayonet above its iron scabbard; one wooden grip plate gone, showing the tang and rivet holes."""
    scab = (84, 84, 80)
    p.rect(300, 358, 840, 392, scab, r=14)
    p.poly([(840, 360), (890, 375), (840, 390)], scab)
    p.line([(320, 366), (820, 366)], lighter(scab, 0.2), 2.5)
    p.rect(290, 350, 330, 400, darker(scab, 0.2), r=6)
    blotches(p, 340, 362, 820, 390, rnd, RUST, 14, 8)
    blade = [(300, 238), (820, 242), (905, 258), (820, 274), (300, 278)]
    p.poly(blade, STEEL_LIGHT)
    p.line([(320, 252), (780, 254)], darker(STEEL_LIGHT, 0.25), 2.5)
    p.line([(320, 262), (780, 263)], lighter(STEEL_LIGHT, 0.4), 2)
    blotches(p, 340, 244, 760, 272, rnd, mix(STEEL_LIGHT, RUST, 0.6), 12, 7)
    p.poly(blade, None)
    p.rect(282, 222, 302, 296, STEEL)
    p.ell(292, 210, 15, 15, None, OBJ_INK, 9)
    p.ell(292, 210, 15, 15, None, STEEL, 5)
    # the grip: the far plate is wood, the near one is missing
    p.rect(140, 236, 284, 282, STEEL, r=10)
    p.rect(140, 236, 284, 250, WOOD, None, 0)
    for x in (180, 240):
        p.ell(x, 262, 7, 7, darker(STEEL, 0.5), OBJ_INK, 2)
    p.rect(118, 230, 146, 288, STEEL, r=5)
    p.line([(126, 248), (138, 248)], OBJ_INK, 2)


# --------------------------------------------------------------------------
# Finds from the ground

def _case(x: float, y: float, length: float, deg: float, colour: Colour, rnd: random.Random,
          p: Pen, slim: float = 1.0) -> None:
    """A rifle cartridge case lying at an angle: rim, body, shoulder, neck; corroded in patches."""
    w = length * 0.2 * slim
    pts = [(0, -w * 0.55), (length * 0.06, -w * 0.55), (length * 0.07, -w * 0.5), (length * 0.72, -w * 0.46),
           (length * 0.82, -w * 0.3), (length, -w * 0.3), (length, w * 0.3), (length * 0.82, w * 0.3),
           (length * 0.72, w * 0.46), (length * 0.07, w * 0.5), (length * 0.06, w * 0.55), (0, w * 0.55)]
    pts = rotate([(x + a, y + b) for a, b in pts], deg, x, y)
    p.poly(pts, colour, OBJ_INK, 2)
    shine = rotate([(x + length * 0.1, y - w * 0.22), (x + length * 0.68, y - w * 0.2)], deg, x, y)
    p.line(shine, lighter(colour, 0.35), max(1.5, w * 0.12))
    for _ in range(rnd.randint(0, 2)):  # dark corrosion where it lay in the ground
        t = rnd.uniform(0.15, 0.6)
        corners = ((0, -0.3), (0.12, -0.36), (0.16, 0.2), (0.02, 0.3))
        spot = rotate([(x + length * (t + a), y + w * b) for a, b in corners], deg, x, y)
        p.poly(chaikin(spot + [spot[0]], 2), mix(colour, (80, 88, 64), 0.3), None, 0)


def _bullet(x: float, y: float, length: float, deg: float, p: Pen, bent: float = 0.0) -> None:
    """A pointed jacketed bullet lying at an angle (bent a little if it was fired)."""
    w = length * 0.3
    pts = [(0, -w / 2), (length * 0.5, -w / 2)] + \
        [(length * (0.5 + 0.5 * math.sin(t)), -w / 2 * math.cos(t) + bent * t) for t in
         (i * math.pi / 2 / 8 for i in range(1, 9))] + \
        [(length * (0.5 + 0.5 * math.sin(t)), w / 2 * math.cos(t) + bent * t) for t in
         (i * math.pi / 2 / 8 for i in range(8, 0, -1))] + [(length * 0.5, w / 2), (0, w / 2)]
    pts = rotate([(x + a, y + b) for a, b in pts], deg, x, y)
    p.poly(pts, COPPER, OBJ_INK, 2)
    p.line(rotate([(x + length * 0.08, y - w * 0.2), (x + length * 0.6, y - w * 0.2)], deg, x, y),
           lighter(COPPER, 0.3), 2)


def draw_cartridges_bullets(p: Pen, rnd: random.Random) -> None:
    """Rifle cartridge cases and bullets from the ground, in a loose heap: corroded brass, copper jackets."""
    brass = (176, 146, 80)
    spots = [(260, 240, -20), (360, 300, 15), (430, 220, 70), (520, 320, -8), (600, 250, 30),
             (690, 330, -40), (300, 380, 5), (470, 400, -25), (640, 410, 12), (760, 260, 100)]
    for x, y, deg in spots:
        _case(x, y, 150, deg + rnd.uniform(-5, 5), mix(brass, (110, 100, 70), rnd.uniform(0, 0.4)), rnd, p)
    for x, y, deg, bent in ((230, 320, 40, 0), (410, 340, -60, 6), (560, 200, 10, 0), (730, 400, 160, 4),
                            (820, 340, -20, 0), (390, 450, 80, 0)):
        _bullet(x, y, 64, deg, p, bent)


def draw_cartridge_tray(p: Pen, rnd: random.Random) -> None:
    """A dozen slim 6.5 mm cartridge cases standing in two rows in a card tray, with its finder's label."""
    brass = (186, 150, 78)
    tray_top = [(170, 300), (760, 300), (850, 230), (260, 230)]
    p.poly([(170, 300), (760, 300), (760, 380), (170, 380)], darker(CARDBOARD, 0.05))
    p.poly([(760, 300), (850, 230), (850, 310), (760, 380)], darker(CARDBOARD, 0.2))
    p.poly(tray_top, darker(CARDBOARD, 0.3))
    for row, (y, dx) in enumerate(((262, 60), (292, 0))):
        for k in range(6):
            x = 250 + dx + k * 88
            h = 132 + rnd.uniform(-4, 4)
            top = y - h
            colour = mix(brass, (96, 86, 60), rnd.uniform(0, 0.45))
            body = [(x - 15, y), (x - 15, top + 30), (x - 9, top + 18), (x - 9, top), (x + 9, top),
                    (x + 9, top + 18), (x + 15, top + 30), (x + 15, y)]
            p.poly(body, colour, None, 0)
            if rnd.random() < 0.5:  # tarnish
                p.rect(x - 15, y - rnd.uniform(40, 90), x + 15, y - 10, mix(colour, (70, 80, 60), 0.35), None, 0)
            p.line([(x - 8, y - 8), (x - 8, top + 34)], lighter(colour, 0.35), 3)
            p.poly(body, None, OBJ_INK, 2)
            p.ell(x, top, 9, 3.5, darker(colour, 0.55), OBJ_INK, 1.5)
    p.poly([(170, 300), (760, 300), (760, 380), (170, 380)], None)
    label = [(230, 318), (450, 318), (450, 366), (230, 366)]
    p.poly(label, (240, 236, 222), OBJ_INK, 1.5)
    p.scribble_row(244, 436, 348, rnd, 14, (40, 40, 70), 1.6)


def draw_shell_fragments(p: Pen, rnd: random.Random) -> None:
    """Three jagged fragments of a cast-iron shell, heavily rusted, the broken edges showing their thickness."""
    for cx, cy, r, deg in ((290, 300, 130, -12), (570, 250, 100, 20), (780, 340, 84, 58)):
        pts = []
        a = 0.0
        while a < 2 * math.pi - 0.3:  # an irregular outline: long straight breaks and a few sharp points
            rr = r * (rnd.uniform(0.85, 1.1) if rnd.random() < 0.25 else rnd.uniform(0.55, 0.8))
            pts.append((cx + rr * math.cos(a) * 1.3, cy + rr * math.sin(a) * 0.62))
            a += rnd.uniform(0.35, 0.9)
        pts = rotate(pts, deg, cx, cy)
        thick = [(x + 4, y + 16) for x, y in pts]
        p.poly([(x + 10, y + 14) for x, y in thick], (120, 112, 100), None, 0)
        p.poly(thick, (74, 48, 34))
        p.poly(pts, (138, 82, 46))
        box = (cx - r * 1.3, cy - r, cx + r * 1.3, cy + r)
        blotches(p, *box, rnd, (104, 62, 38), 26, r * 0.14, within=pts)
        blotches(p, *box, rnd, (176, 110, 60), 18, r * 0.09, within=pts)
        for _ in range(40):  # pitting
            x, y = rnd.uniform(box[0], box[2]), rnd.uniform(box[1], box[3])
            if inside((x, y), pts):
                p.ell(x, y, rnd.uniform(1.5, 3), rnd.uniform(1.5, 2.5), (62, 40, 28), None)
        p.poly(pts, None, OBJ_INK, 2.5)
        p.line(pts[1:4], lighter((138, 82, 46), 0.3), 2)


def draw_mortar_tail(p: Pen, rnd: random.Random) -> None:
    """The tail of a mortar bomb: a tube with its ring of fins at the end, the front broken off; rusted."""
    iron = (112, 72, 48)
    # fins round the tail end: the far ones first, foreshortened, then the near ones
    far = [[(600, 282), (780, 196), (830, 196), (830, 282)], [(600, 298), (780, 384), (830, 384), (830, 298)]]
    near = [[(600, 280), (790, 236), (832, 236), (832, 280)], [(600, 300), (790, 344), (832, 344), (832, 300)],
            [(620, 290), (800, 290), (832, 268), (832, 312)]]
    for fin in far:
        p.poly(fin, darker(iron, 0.2))
    tube = [(260, 262), (840, 262), (840, 318), (260, 318)]
    p.poly(tube, iron)
    p.line([(270, 274), (830, 274)], lighter(iron, 0.25), 4)
    for fin in near:
        p.poly(fin, mix(iron, (150, 100, 66), 0.5))
    p.ell(840, 290, 12, 28, darker(iron, 0.2))
    p.ell(840, 290, 6, 14, (40, 30, 24), None)
    for x in range(320, 580, 36):  # the flash holes along the tube
        p.ell(x, 292, 6, 6, (40, 30, 24), None)
    # the broken front: a jagged end
    jag = [(260, 262)] + [(250 + rnd.uniform(-14, 10), 262 + k * 7) for k in range(1, 8)] + [(260, 318)]
    p.poly(jag + [(280, 318), (280, 262)], iron, None, 0)
    p.line(jag, OBJ_INK, 3)
    blotches(p, 270, 262, 830, 318, rnd, (150, 96, 60), 20, 9)
    blotches(p, 640, 200, 820, 380, rnd, (80, 52, 38), 10, 9)
    p.poly(tube, None)


def _brick_block(p: Pen, front: Sequence[Point], top: Sequence[Point], side: Sequence[Point], colour: Colour) -> None:
    p.poly(top, lighter(colour, 0.16))
    p.poly(side, darker(colour, 0.18))
    p.poly(front, colour)


def draw_wall_brick(p: Pen, rnd: random.Random) -> None:
    """A big grey city-wall brick with two bullet strikes on its face and one corner broken away."""
    grey = (122, 122, 116)
    # the block, its top-left-front corner missing
    front = [(340, 250), (690, 250), (690, 450), (250, 450), (250, 330), (300, 318), (318, 280)]
    top = [(340, 250), (384, 214), (400, 170), (800, 170), (690, 250)]
    side = [(690, 250), (800, 170), (800, 370), (690, 450)]
    p.poly(top, lighter(grey, 0.16))
    p.poly(side, darker(grey, 0.18))
    p.poly(front, grey)
    # the fracture: rough faces where the corner came away
    p.poly([(250, 330), (300, 318), (318, 280), (340, 250), (384, 214), (400, 170), (340, 206), (286, 246),
            (262, 290)], darker(grey, 0.06), OBJ_INK, 2.5)
    p.poly([(262, 290), (286, 246), (340, 206), (318, 280), (300, 318), (250, 330)], lighter(grey, 0.08), None, 0)
    fracture = [(250, 330), (300, 318), (318, 280), (340, 250), (384, 214), (400, 170), (340, 206), (286, 246),
                (262, 290)]
    for _ in range(60):
        x, y = rnd.uniform(250, 400), rnd.uniform(170, 330)
        if inside((x, y), fracture):
            p.ell(x, y, rnd.uniform(1.5, 3.5), rnd.uniform(1.5, 3), darker(grey, rnd.uniform(0.1, 0.35)), None)
    for _ in range(200):
        x, y = rnd.uniform(340, 680), rnd.uniform(260, 440)
        c = lighter(grey, 0.22) if rnd.random() < 0.5 else darker(grey, 0.2)
        p.ell(x, y, rnd.uniform(1.5, 3.5), rnd.uniform(1.5, 3), c, None)
    blotches(p, 440, 180, 760, 236, rnd, (200, 196, 182), 6, 12)  # old lime mortar
    for cx, cy, r in ((450, 350, 40), (600, 320, 30)):  # the bullet strikes
        rim = [(cx + r * rnd.uniform(0.8, 1.25) * math.cos(a), cy + r * rnd.uniform(0.7, 1.1) * math.sin(a))
               for a in (2 * math.pi * k / 13 for k in range(13))]
        p.poly(rim, lighter(grey, 0.25), None, 0)
        p.poly([((x - cx) * 0.62 + cx, (y - cy) * 0.62 + cy) for x, y in rim], darker(grey, 0.32), None, 0)
        p.ell(cx, cy, r * 0.22, r * 0.2, (46, 44, 42), None)
        for k in range(6):
            a = 2 * math.pi * k / 6 + rnd.uniform(0, 0.5)
            p.line([(cx + r * 0.7 * math.cos(a), cy + r * 0.7 * math.sin(a)),
                    (cx + r * 1.7 * math.cos(a), cy + r * 1.5 * math.sin(a))], darker(grey, 0.35), 2)
    p.poly(front, None)
    p.poly(top, None)
    p.poly(side, None)


def draw_monument_brick(p: Pen, rnd: random.Random) -> None:
    """A grey brick seen along its side, stamped with the characters 紀念, the second one broken off."""
    grey = (132, 136, 138)
    front = [(160, 250), (840, 250), (840, 420), (160, 420)]
    top = [(160, 250), (200, 200), (880, 200), (840, 250)]
    side = [(840, 250), (880, 200), (880, 370), (840, 420)]
    _brick_block(p, front, top, side, grey)
    for _ in range(200):
        x, y = rnd.uniform(170, 830), rnd.uniform(258, 412)
        c = lighter(grey, 0.2) if rnd.random() < 0.5 else darker(grey, 0.18)
        p.ell(x, y, rnd.uniform(1.5, 3), rnd.uniform(1.5, 2.5), c, None)
    # the stamped panel, sunk into the face
    p.rect(360, 270, 640, 400, darker(grey, 0.12), darker(grey, 0.45), 3)
    p.line([(364, 396), (636, 396), (636, 274)], lighter(grey, 0.25), 3)
    p.text(430, 336, "紀", 92, darker(grey, 0.5))
    p.text(560, 336, "念", 92, darker(grey, 0.5))
    # a spall: the surface has flaked away over half the second character
    chip: list[Point] = [(546, 318), (574, 300), (612, 306), (652, 296), (660, 350), (650, 404), (596, 410), (560, 396),
            (536, 364)]
    chip = [(x + rnd.uniform(-5, 5), y + rnd.uniform(-5, 5)) for x, y in chip]
    p.poly(chip, darker(grey, 0.16), None, 0)
    for _ in range(60):
        x, y = rnd.uniform(536, 660), rnd.uniform(296, 410)
        if inside((x, y), chip):
            p.ell(x, y, rnd.uniform(1.5, 3), rnd.uniform(1.5, 2.5), darker(grey, rnd.uniform(0.25, 0.45)), None)
    p.line(chip[:5], darker(grey, 0.55), 4)  # the broken lip, in shadow
    p.line(chip[4:] + [chip[0]], lighter(grey, 0.35), 2.5)
    p.poly(front, None)


# --------------------------------------------------------------------------
# Things of daily life

def draw_water_bottle(p: Pen, rnd: random.Random) -> None:
    """An aluminium water bottle, dented, with rags of its cloth cover still on it and a canvas strap."""
    alu = (186, 190, 192)
    canvas = (150, 136, 98)
    strap = bezier((372, 250), (250, 40), (760, 40), (628, 250))
    p.line(strap, OBJ_INK, 26)
    p.line(strap, canvas, 20)
    p.line(strap, darker(canvas, 0.25), 2)
    left = bezier((470, 176), (400, 186), (350, 220), (350, 300)) + bezier((350, 300), (350, 420), (380, 480),
                                                                           (500, 480))[1:]
    body = left + [(1000 - x, y) for x, y in reversed(left)][1:]
    p.poly(body, alu)
    p.line(bezier((604, 230), (636, 280), (640, 420), (590, 460)), darker(alu, 0.18), 16)
    p.line(bezier((396, 240), (376, 300), (376, 400), (410, 450)), lighter(alu, 0.5), 12)
    for cx, cy, rx, ry in ((560, 290, 40, 28), (450, 380, 30, 22)):  # dents
        p.ell(cx, cy, rx, ry, darker(alu, 0.12), None)
        p.arc(cx, cy, rx, ry, 200, 340, lighter(alu, 0.5), 4)
    # rags of the cloth cover: torn pieces still caught round the bottom and one side, fraying
    cloth = (118, 110, 80)
    rags = [[(352, 330), (380, 318), (396, 350), (420, 340), (430, 390), (470, 400), (520, 380), (560, 420),
             (600, 396), (648, 410), (640, 450), (600, 478), (500, 484), (400, 476), (362, 440)],
            [(612, 210), (640, 250), (650, 300), (630, 320), (618, 280), (596, 250)]]
    for rag in rags:
        p.poly(rag, cloth, OBJ_INK, 2)
        for (ax, ay), (bx, by) in zip(rag, rag[1:]):
            if ay < 420 and rnd.random() < 0.7:  # loose threads along the torn edges
                mx, my = (ax + bx) / 2, (ay + by) / 2
                p.line([(mx, my), (mx + rnd.uniform(-6, 6), my - rnd.uniform(8, 16))], darker(cloth, 0.2), 1.5)
        p.hatch(rag, 8, darker(cloth, 0.12), 1)  # the weave
    p.poly(rags[0], None, OBJ_INK, 2)
    p.poly(body, None)
    p.rect(464, 134, 536, 182, alu)
    p.rect(450, 98, 550, 138, darker(alu, 0.25), r=10)
    for y in (108, 118, 128):
        p.line([(458, y), (542, y)], lighter(alu, 0.1), 1.5)


def draw_rice_bowl(p: Pen, rnd: random.Random) -> None:
    """A coarse blue-and-white rice bowl with a leaf pattern and a crack running down from the rim."""
    cx, rim, rx, ry = 500, 200, 232, 44
    left = bezier((cx - rx, rim), (cx - rx + 6, 330), (cx - 150, 410), (cx - 80, 420))
    right = [(2 * cx - x, y) for x, y in reversed(left)]
    body = ellipse_pts(cx, rim, rx, ry, 0, 180, n=40)[::-1][:-1] + left + right
    p.rect(cx - 84, 414, cx + 84, 448, darker(CERAMIC, 0.06), r=6)
    p.poly(body, CERAMIC)
    p.poly(ellipse_pts(cx, rim, rx, ry, n=72)[:-1], darker(CERAMIC, 0.1))
    p.poly(ellipse_pts(cx, rim + 10, rx - 20, ry - 10, 180, 360, n=36) +
           list(reversed(ellipse_pts(cx, rim, rx - 4, ry - 2, 180, 360, n=36))),
           darker(CERAMIC, 0.2), None, 0)
    p.line(ellipse_pts(cx, rim + 22, rx - 6, ry, 10, 170, n=40), PAINT_BLUE, 5)
    for k in range(6):  # leaves on a stem
        x = cx - 170 + k * 68
        y = 326 + (10 if k % 2 else -4)
        leaf = [(x - 26, y + 10), (x - 6, y - 12), (x + 24, y - 16), (x + 6, y + 8)]
        p.poly(chaikin(leaf + [leaf[0]], 2), PAINT_BLUE, None, 0)
        p.line([(x - 26, y + 10), (x + 20, y - 12)], lighter(PAINT_BLUE, 0.5), 1.5)
    p.line(chaikin([(cx - 190, 340), (cx - 100, 318), (cx, 342), (cx + 100, 320), (cx + 190, 338)], 3),
           PAINT_BLUE, 2)
    p.line(ellipse_pts(cx, 400, 92, 12, 10, 170, n=24), PAINT_BLUE, 3)
    crack: list[Point] = [(cx + 120, rim + 40)]
    for k in range(1, 8):
        crack.append((cx + 120 + rnd.uniform(-10, 10) - k * 4, rim + 40 + k * 22))
    p.line(crack, (70, 62, 54), 2.5)


def draw_radio_parts(p: Pen, rnd: random.Random) -> None:
    """Parts of a field radio laid out: two valves, a Morse key and two tuning knobs."""
    glass = (214, 222, 224)
    for x, h in ((240, 260), (350, 220)):  # valves standing on their bases
        base_y = 460
        p.rect(x - 40, base_y - 50, x + 40, base_y, (40, 36, 34), r=6)
        for px in (x - 24, x - 8, x + 8, x + 24):
            p.line([(px, base_y), (px, base_y + 16)], STEEL_LIGHT, 3)
        env = [(x - 36, base_y - 50), (x - 36, base_y - h + 40)] + \
            ellipse_pts(x, base_y - h + 40, 36, 40, 180, 360, n=20)[1:] + [(x + 36, base_y - 50)]
        p.poly(env, glass, (90, 100, 104), 2.5)
        p.rect(x - 18, base_y - h + 60, x + 18, base_y - 70, (120, 120, 116), OBJ_INK, 1.5)
        p.line([(x, base_y - h + 30), (x, base_y - h + 60)], (120, 120, 116), 2)
        p.line([(x - 28, base_y - h + 50), (x - 28, base_y - 60)], lighter(glass, 0.6), 4)
        p.ell(x, base_y - h + 6, 8, 6, (150, 156, 160), None)
    # the Morse key: a wooden base, a brass lever, a black knob
    p.poly([(470, 440), (780, 440), (810, 410), (500, 410)], darker(WOOD, 0.1))
    p.rect(470, 440, 780, 470, WOOD)
    p.poly([(780, 440), (810, 410), (810, 440), (780, 470)], darker(WOOD, 0.3))
    p.rect(520, 380, 560, 420, BRASS, r=4)
    p.poly([(540, 386), (760, 362), (762, 374), (540, 398)], BRASS, OBJ_INK, 2)
    p.ell(770, 356, 34, 14, (30, 28, 26))
    p.rect(736, 342, 804, 356, (30, 28, 26), None, 0)
    p.ell(770, 342, 34, 14, (60, 56, 52))
    p.ell(640, 404, 10, 5, BRASS, OBJ_INK, 2)
    # two tuning knobs lying on their backs
    for cx, cy, r in ((560, 220, 60), (720, 250, 46)):
        p.rect(cx - r, cy, cx + r, cy + r * 0.5, (30, 28, 26), None, 0)
        p.ell(cx, cy + r * 0.5, r, r * 0.4, (30, 28, 26))
        p.ell(cx, cy, r, r * 0.4, (58, 54, 50))
        for k in range(16):
            a = math.radians(22.5 * k)
            p.line([(cx + r * 0.92 * math.cos(a), cy + r * 0.37 * math.sin(a)),
                    (cx + r * math.cos(a), cy + r * 0.4 * math.sin(a) + r * 0.5)], (70, 66, 62), 1.5)
        p.line([(cx, cy), (cx + r * 0.8, cy - r * 0.2)], (226, 220, 206), 4)


def draw_drop_bag(p: Pen, rnd: random.Random) -> None:
    """A canvas drop bag lying on its side, the mouth drawn shut with a cord, a long red streamer sewn on."""
    canvas = (192, 176, 136)
    streamer = chaikin([(640, 250), (720, 200), (800, 250), (870, 190), (940, 240), (990, 200)], 3)
    lower = [(x + 10, y + 44) for x, y in streamer]
    p.poly(streamer + list(reversed(lower)), CLOTH_RED)
    for (x0, y0), (x1, y1) in zip(streamer[::6], lower[::6]):
        p.line([(x0, y0), (x1, y1)], darker(CLOTH_RED, 0.2), 1.5)
    bag = chaikin([(240, 300), (260, 170), (420, 130), (600, 150), (660, 250), (640, 420), (460, 460),
                   (280, 430), (240, 300)], 2)
    p.poly([(x + 8, y + 10) for x, y in bag], (150, 140, 120), None, 0)
    p.poly(bag, canvas)
    for fold in ([(300, 220), (420, 280), (560, 240)], [(290, 360), (430, 330), (600, 380)], [(420, 180), (470, 260)]):
        p.line(chaikin(fold, 2), darker(canvas, 0.2), 3)
    p.line(chaikin([(580, 160), (620, 260), (600, 420)], 2), darker(canvas, 0.3), 2)
    for y in range(180, 420, 16):  # the side seam
        p.line([(612, y), (618, y + 8)], darker(canvas, 0.4), 2)
    # the gathered mouth and the cord
    p.poly([(200, 270), (250, 250), (252, 350), (200, 330)], darker(canvas, 0.12))
    for y in range(262, 344, 12):
        p.line([(206, y), (246, y - 4)], darker(canvas, 0.35), 2)
    p.line(chaikin([(226, 300), (160, 330), (130, 400), (170, 440)], 2), (110, 96, 70), 5)
    p.line(chaikin([(226, 300), (150, 300), (110, 340)], 2), (110, 96, 70), 5)
    p.rect(630, 220, 660, 300, CLOTH_RED, OBJ_INK, 2)
    for y in range(228, 296, 10):
        p.line([(634, y), (656, y)], darker(CLOTH_RED, 0.3), 1.2)


# --------------------------------------------------------------------------
# Badges and decorations

def draw_order_star(p: Pen, rnd: random.Random) -> None:
    """The Order of the Blue Sky and White Sun: the white sun on blue in a gilt ring, on a star of gilt rays."""
    gold = (206, 168, 82)
    cx, cy = 500, 290
    for k in range(8):  # eight bundles of rays
        a0 = math.radians(22.5 + 45 * k)
        for j, (da, r) in enumerate(((-0.2, 200), (-0.1, 232), (0.0, 250), (0.1, 232), (0.2, 200))):
            a = a0 + da
            w = 0.05
            ray = [(cx + 60 * math.cos(a - w * 3), cy + 60 * math.sin(a - w * 3)),
                   (cx + r * math.cos(a), cy + r * math.sin(a)),
                   (cx + 60 * math.cos(a + w * 3), cy + 60 * math.sin(a + w * 3))]
            p.poly(ray, lighter(gold, 0.18) if j % 2 else gold, darker(gold, 0.4), 1.5)
    p.ell(cx, cy, 132, 132, gold, darker(gold, 0.45), 3)
    p.ell(cx, cy, 118, 118, lighter(gold, 0.25), None)
    p.ell(cx, cy, 108, 108, ROC_BLUE, darker(gold, 0.4), 2)
    p.roc_sun(cx, cy, 96, ROC_BLUE, ROC_WHITE)
    p.arc(cx, cy, 126, 126, 200, 260, lighter(gold, 0.6), 4)


def draw_railway_badge(p: Pen, rnd: random.Random) -> None:
    """A round copper and enamel railway staff badge: 粵漢鐵路 round the rim, a winged wheel in the middle."""
    copper = (184, 116, 70)
    green = (36, 86, 70)
    cx, cy = 500, 290
    p.ell(cx + 6, cy + 8, 250, 250, (120, 100, 90), None)
    p.ell(cx, cy, 250, 250, copper, darker(copper, 0.45), 3)
    p.ell(cx, cy, 226, 226, green, darker(copper, 0.4), 3)
    p.ell(cx, cy, 140, 140, copper, darker(copper, 0.45), 3)
    p.ell(cx, cy, 126, 126, (176, 46, 40), None)
    for ch, deg in zip("粵漢鐵路", (-144, -108, -72, -36)):
        a = math.radians(deg)
        p.text(cx + 184 * math.cos(a), cy + 184 * math.sin(a), ch, 56, (236, 206, 140))
    for deg in (162, 18):
        a = math.radians(deg)
        p.ell(cx + 184 * math.cos(a), cy + 184 * math.sin(a), 9, 9, (236, 206, 140), None)
    # the winged wheel
    gilt = (232, 196, 120)
    for side in (-1, 1):
        for k in range(4):
            y = cy - 36 + k * 18
            length = 104 - k * 14
            feather = [(cx + side * 34, y), (cx + side * (34 + length), y - 12 + k * 2),
                       (cx + side * (28 + length), y + 8), (cx + side * 34, y + 14)]
            p.poly(feather, gilt, darker(gilt, 0.4), 1.5)
    p.ell(cx, cy, 46, 46, gilt, darker(gilt, 0.45), 3)
    p.ell(cx, cy, 30, 30, (176, 46, 40), darker(gilt, 0.45), 2)
    for k in range(6):
        a = math.radians(30 * k)
        p.line([(cx - 30 * math.cos(a), cy - 30 * math.sin(a)), (cx + 30 * math.cos(a), cy + 30 * math.sin(a))],
               gilt, 4)
    p.ell(cx, cy, 8, 8, gilt, darker(gilt, 0.45), 2)
    # the rail under the wheel: the section of a rail, as on railway emblems
    p.poly([(cx - 40, cy + 62), (cx + 40, cy + 62), (cx + 40, cy + 72), (cx + 10, cy + 72), (cx + 10, cy + 92),
            (cx + 44, cy + 92), (cx + 44, cy + 104), (cx - 44, cy + 104), (cx - 44, cy + 92), (cx - 10, cy + 92),
            (cx - 10, cy + 72), (cx - 40, cy + 72)], gilt, darker(gilt, 0.45), 2)
    p.arc(cx, cy, 240, 240, 200, 250, lighter(copper, 0.5), 5)


def draw_chest_badge(p: Pen, rnd: random.Random) -> None:
    """A soldier's rectangular cloth chest badge: the division's name printed, blanks for the unit."""
    cloth = (234, 230, 216)
    x0, y0, x1, y1 = 180, 90, 820, 480
    edge = []
    for (ax, ay), (bx, by) in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
        for k in range(24):
            t = k / 24
            edge.append((ax + (bx - ax) * t + rnd.uniform(-2.5, 2.5), ay + (by - ay) * t + rnd.uniform(-2.5, 2.5)))
    p.poly(edge, cloth, darker(cloth, 0.35), 2)
    for y in range(y0 + 8, y1 - 4, 9):  # the weave
        p.line([(x0 + 6, y), (x1 - 6, y)], darker(cloth, 0.04), 1)
    p.rect(x0 + 30, y0 + 30, x1 - 30, y1 - 30, None, PRINT_BLACK, 4)
    p.line([(x1 - 150, y0 + 30), (x1 - 150, y1 - 30)], PRINT_BLACK, 2.5)
    p.vtext(x1 - 90, y0 + 56, "預備第十師", 52, (150, 40, 36), 1.0)
    for k, label in enumerate(("部別", "級職")):
        x = x1 - 220 - k * 160
        p.vtext(x, y0 + 56, label, 34, PRINT_BLACK, 1.1)
        p.line([(x - 70, y0 + 30), (x - 70, y1 - 30)], PRINT_BLACK, 1.5)
    p.vtext(x0 + 80, y0 + 60, "符號", 34, PRINT_BLACK, 1.2)
    for x, y in ((x0 + 8, y0 + 8), (x1 - 8, y0 + 8), (x1 - 8, y1 - 8), (x0 + 8, y1 - 8)):  # where it was sewn on
        p.line([(x - 6, y - 6), (x + 6, y + 6)], (90, 84, 70), 2)
        p.line([(x - 6, y + 6), (x + 6, y - 6)], (90, 84, 70), 2)
    p.line([(x0 + 40, y1 - 14), (x0 + 120, y1 - 8)], darker(cloth, 0.3), 2)


# --------------------------------------------------------------------------
# Textiles

def _stitch_holes(p: Pen, top: list[Point], dy: float, colour: Colour) -> None:
    for x, y in top[::2]:
        p.ell(x, y + dy, 2.2, 2.2, colour, None)


def draw_armband_taishan(p: Pen, rnd: random.Random) -> None:
    """A white cotton armband laid flat, printed in blue: 陸軍第十軍 and a large 泰山; stitch holes on the edges."""
    cloth = (236, 232, 218)
    blue = (40, 70, 140)
    with p.turned(-3, 500, 290):
        def edge(off: float) -> list[Point]:
            return [(80 + 840 * t, 190 + off + 10 * math.sin(t * 6)) for t in (i / 60 for i in range(61))]

        top, bottom = edge(0), edge(200)
        band = top + list(reversed(bottom))
        p.poly(band, cloth)
        p.poly([top[0], top[3], bottom[3], bottom[0]], darker(cloth, 0.1), darker(cloth, 0.35), 2)
        _stitch_holes(p, top[4:-1], 10, darker(cloth, 0.45))
        _stitch_holes(p, bottom[4:-1], -10, darker(cloth, 0.45))
        for off in (24, 176):
            p.line(edge(off)[4:-1], blue, 4)
        p.vtext(620, 222, "陸軍第十軍", 27, blue, 1.02)
        p.vtext(480, 206, "泰山", 84, blue, 1.0)
        p.poly(band, None)


def draw_labour_armband(p: Pen, rnd: random.Random) -> None:
    """A cotton armband pressed flat, as it is kept: a loop of two layers folded at the ends, held by a pin;
    民工服務隊 and a number printed in red; faded and holed."""
    cloth = (226, 216, 196)
    red = (168, 56, 44)
    x0, x1, y0, y1 = 230, 770, 170, 390
    back = [(x0 + 20, y0 - 14), (x1 - 10, y0 - 10), (x1 - 4, y1 - 18), (x0 + 26, y1 - 20)]
    p.poly(back, darker(cloth, 0.18))  # the back layer shows along the top edge
    front = [(x0, y0)] + [(x0 + (x1 - x0) * t, y0 + 3 * math.sin(t * 7)) for t in (i / 20 for i in range(1, 20))] + \
        [(x1, y0), (x1 + 14, (y0 + y1) / 2), (x1, y1)] + \
        [(x1 - (x1 - x0) * t, y1 + 3 * math.sin(t * 5)) for t in (i / 20 for i in range(1, 20))] + \
        [(x0, y1), (x0 - 14, (y0 + y1) / 2)]
    p.poly(front, cloth)
    blotches(p, x0 + 20, y0 + 20, x1 - 20, y1 - 20, rnd, lighter(cloth, 0.22), 9, 34)  # faded patches
    for x in (x0 + 8, x1 - 8):  # the folds at the ends
        p.line([(x, y0 + 4), (x + (6 if x < 500 else -6), (y0 + y1) / 2), (x, y1 - 4)], darker(cloth, 0.25), 3)
    p.line([(x0 + 24, y0 + 22), (x1 - 24, y0 + 22)], red, 3)
    p.line([(x0 + 24, y1 - 22), (x1 - 24, y1 - 22)], red, 3)
    p.vtext(540, y0 + 32, "民工服務隊", 32, red, 1.02)
    p.vtext(430, y0 + 60, "一二七", 28, red, 1.05)
    for hx, hy, r in ((330, 250, 10), (660, 330, 7), (600, 220, 6)):
        p.ell(hx, hy, r, r * 0.8, CLEAR, None)  # moth holes through the cloth
        p.ell(hx, hy, r + 2, r * 0.8 + 2, None, darker(cloth, 0.4), 1.5)
    p.poly(front, None)
    # the safety pin that held it on the sleeve
    p.line([(x1 - 120, y0 + 40), (x1 - 10, y0 + 26)], STEEL_LIGHT, 5)
    p.line([(x1 - 120, y0 + 52), (x1 - 16, y0 + 40)], STEEL_LIGHT, 3)
    p.arc(x1 - 8, y0 + 34, 9, 9, -90, 90, STEEL, 3)
    p.rect(x1 - 134, y0 + 34, x1 - 114, y0 + 58, STEEL_LIGHT, OBJ_INK, 2)


def _tiger(p: Pen, cx: float, cy: float, s: float) -> None:
    """A striding tiger in ochre with black stripes, facing right, tail raised (the charm on a senninbari)."""
    ochre = (218, 146, 48)
    black = (40, 30, 26)
    cream = (244, 232, 204)
    tail = chaikin([(cx - 84 * s, cy - 8 * s), (cx - 118 * s, cy - 14 * s), (cx - 132 * s, cy - 46 * s),
                    (cx - 116 * s, cy - 70 * s)], 3)
    p.line(tail, black, 12 * s)
    p.line(tail, ochre, 8 * s)
    for x, y in tail[4::5]:
        p.line([(x - 5 * s, y - 3 * s), (x + 5 * s, y + 3 * s)], black, 3 * s)
    for lx, lean in ((-66, -8), (-38, 6), (40, -6), (70, 8)):
        leg = [(cx + lx * s, cy + 6 * s), (cx + (lx + 20) * s, cy + 6 * s), (cx + (lx + 18 + lean) * s, cy + 52 * s),
               (cx + (lx + 24 + lean) * s, cy + 60 * s), (cx + (lx - 4 + lean) * s, cy + 60 * s)]
        p.poly(leg, ochre, black, 2)
    body = chaikin([(cx + dx * s, cy + dy * s) for dx, dy in ((-92, 0), (-70, -36), (40, -40), (88, -30), (92, 10),
                                                               (40, 30), (-60, 30), (-92, 0))], 2)
    p.poly(body, ochre, black, 2)
    p.poly([(cx - 50 * s, cy + 22 * s), (cx + 50 * s, cy + 20 * s), (cx + 30 * s, cy + 30 * s),
            (cx - 40 * s, cy + 30 * s)], cream, None, 0)
    for k in range(7):  # stripes down from the back
        x = cx - 70 * s + k * 22 * s
        p.poly([(x - 4 * s, cy - 36 * s), (x + 6 * s, cy - 36 * s), (x + 4 * s, cy - 10 * s), (x - 2 * s, cy + 4 * s)],
               black, None, 0)
    hx, hy = cx + 104 * s, cy - 30 * s
    for ex in (-18, 14):
        p.poly([(hx + (ex - 8) * s, hy - 22 * s), (hx + ex * s, hy - 40 * s), (hx + (ex + 10) * s, hy - 22 * s)],
               ochre, black, 2)
    p.ell(hx, hy, 34 * s, 30 * s, ochre, black, 2)
    p.ell(hx + 14 * s, hy + 12 * s, 18 * s, 13 * s, cream, None)
    for k in (-1, 0, 1):  # stripes on the brow
        p.line([(hx - 8 * s + k * 10 * s, hy - 28 * s), (hx - 4 * s + k * 10 * s, hy - 16 * s)], black, 3 * s)
    p.ell(hx + 4 * s, hy - 6 * s, 4 * s, 4 * s, black, None)
    p.ell(hx + 30 * s, hy + 6 * s, 5 * s, 3.5 * s, black, None)
    p.line([(hx + 14 * s, hy + 18 * s), (hx + 30 * s, hy + 16 * s)], black, 2.5 * s)
    for k in (-1, 1):
        p.line([(hx - 22 * s, hy + (10 + k * 4) * s), (hx - 36 * s, hy + (10 + k * 8) * s)], black, 2 * s)


def draw_senninbari(p: Pen, rnd: random.Random) -> None:
    """A thousand-stitch belt: a long strip of white cotton covered in rows of red knots round a painted tiger,
    with tie strings at the ends."""
    cloth = (236, 230, 214)
    red = (186, 36, 34)
    x0, x1, ytop, h = 60, 940, 200, 170

    def top_y(x: float) -> float:
        return ytop + 12 * math.sin((x - x0) / (x1 - x0) * math.pi * 2)

    for x, sgn in ((x0, -1), (x1, 1)):  # tie strings
        p.line(chaikin([(x, top_y(x) + 40), (x + sgn * 40, top_y(x) + 10), (x + sgn * 54, top_y(x) - 30)], 2),
               darker(cloth, 0.3), 8)
        p.line(chaikin([(x, top_y(x) + 40), (x + sgn * 40, top_y(x) + 10), (x + sgn * 54, top_y(x) - 30)], 2),
               cloth, 5)
        p.line(chaikin([(x, top_y(x) + 130), (x + sgn * 46, top_y(x) + 170), (x + sgn * 40, top_y(x) + 210)], 2),
               darker(cloth, 0.3), 8)
        p.line(chaikin([(x, top_y(x) + 130), (x + sgn * 46, top_y(x) + 170), (x + sgn * 40, top_y(x) + 210)], 2),
               cloth, 5)
    xs = [x0 + (x1 - x0) * i / 80 for i in range(81)]
    band = [(x, top_y(x)) for x in xs] + [(x, top_y(x) + h) for x in reversed(xs)]
    p.poly(band, cloth)
    p.line([(x, top_y(x) + 12) for x in xs], darker(cloth, 0.12), 2)
    p.line([(x, top_y(x) + h - 12) for x in xs], darker(cloth, 0.12), 2)
    stain(p, 760, top_y(760) + 100, 50, rnd, cloth, 0.14)
    tiger_x0, tiger_x1 = 390, 630
    for i in range(9):
        for j in range(78):
            kx = x0 + 24 + j * 10.8 + (5.4 if i % 2 else 0)
            if kx > x1 - 20 or tiger_x0 < kx < tiger_x1:
                continue
            ky = top_y(kx) + 26 + i * 15
            dx, dy = rnd.uniform(-1.2, 1.2), rnd.uniform(-1.2, 1.2)
            p.ell(kx + dx, ky + dy, 4.2, 4.2, red, None)
            p.ell(kx + dx - 1, ky + dy - 1, 1.4, 1.4, lighter(red, 0.45), None)
    _tiger(p, 510, top_y(510) + 88, 0.95)
    p.poly(band, None)


def draw_blood_chit(p: Pen, rnd: random.Random) -> None:
    """A silk blood chit: the flag of the Republic of China above columns of Chinese asking for help, a red chop."""
    silk = (242, 236, 220)
    x0, y0, x1, y1 = 270, 10, 730, 550
    outline = []
    for (ax, ay), (bx, by) in (((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1)), ((x0, y1), (x0, y0))):
        for k in range(20):
            t = k / 20
            outline.append((ax + (bx - ax) * t + 2 * math.sin(t * 9 + ax),   # silk never lies quite flat
                            ay + (by - ay) * t + 2 * math.sin(t * 7 + ay)))
    p.poly(outline, silk, darker(silk, 0.3), 2)
    for k in range(4):  # the sheen of silk, in soft diagonal bands
        x = x0 + 110 + k * 100
        p.poly([(x, y0 + 6), (x + 26, y0 + 6), (x - 64, y1 - 6), (x - 90, y1 - 6)], lighter(silk, 0.4), None, 0)
    for k in range(0, 60):  # the hem
        t = k / 60
        p.line([(x0 + 14 + (x1 - x0 - 28) * t, y0 + 14), (x0 + 14 + (x1 - x0 - 28) * (t + 0.008), y0 + 14)],
               darker(silk, 0.25), 1.5)
        p.line([(x0 + 14 + (x1 - x0 - 28) * t, y1 - 14), (x0 + 14 + (x1 - x0 - 28) * (t + 0.008), y1 - 14)],
               darker(silk, 0.25), 1.5)
    fw, fh = 330, 220
    p.roc_flag(500 - fw / 2, y0 + 34, fw, fh)
    p.rect(500 - fw / 2, y0 + 34, 500 + fw / 2, y0 + 34 + fh, None, darker(silk, 0.4), 1.5)
    black = (24, 22, 22)
    top = y0 + 34 + fh + 22
    p.vtext(640, top, "來華助戰洋人", 38, black, 1.02)
    p.vtext(578, top + 60, "︵美國︶", 30, black, 1.0)
    p.vtext(516, top, "軍民一體救護", 38, black, 1.02)
    p.seal(400, top + 150, 44, rnd, SEAL_RED)
    p.text(400, top + 40, "No.", 16, black)
    p.text(400, top + 62, str(rnd.randint(10000, 99999)), 18, black)


def draw_generic(p: Pen, rnd: random.Random) -> None:
    """A closed archive box with a question mark: an object whose kind has no drawing of its own."""
    front = [(310, 250), (660, 250), (660, 460), (310, 460)]
    top = [(310, 250), (400, 180), (750, 180), (660, 250)]
    side = [(660, 250), (750, 180), (750, 390), (660, 460)]
    p.poly(top, lighter(CARDBOARD, 0.15))
    p.poly(side, darker(CARDBOARD, 0.15))
    p.poly(front, CARDBOARD)
    p.poly([(310, 250), (660, 250), (660, 292), (310, 292)], lighter(CARDBOARD, 0.06))
    p.poly([(660, 250), (750, 180), (750, 222), (660, 292)], darker(CARDBOARD, 0.08))
    p.rect(420, 326, 550, 412, (240, 236, 226), width=2.5)
    p.text(485, 369, "?", 52, (110, 96, 76))
    p.ell(705, 330, 22, 12, darker(CARDBOARD, 0.45), width=2)
