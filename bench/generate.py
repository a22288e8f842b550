#!/usr/bin/env python3
"""Writes a synthetic chronicle modelled on the sample: French text, about 200
places with aliases, 6 sides, 30 topics, 1 to 4 places per dispatch.

    python3 bench/generate.py DIR COUNT

DIR gets chronicle.toml and content/ (places.toml, sides.toml, topics.toml,
dispatches/). The same COUNT always gives the same chronicle.
"""
import datetime
import os
import random
import sys

WORDS = ("les forces armées ont poursuivi leurs tirs sur des localités du Karabakh "
         "selon le ministère de la défense la trêve humanitaire n'a pas tenu et "
         "les bombardements se poursuivent de part et d'autre de la ligne de front "
         "des civils ont été blessés dans la nuit les autorités démentent ces affirmations").split()
SIDES = [("azerbaijan", "Azerbaïdjan", "#0072b2"), ("armenia", "Arménie", "#c05500"),
         ("artsakh", "Haut-Karabakh", "#a26085"), ("turkey", "Turquie", "#008561"),
         ("russia", "Russie", "#5f5f5f"), ("iran", "Iran", "#7a5c00")]


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def main():
    root, count = sys.argv[1], int(sys.argv[2])
    rng = random.Random(count)
    os.makedirs(os.path.join(root, "content", "dispatches"), exist_ok=True)
    with open(os.path.join(root, "chronicle.toml"), "w") as f:
        f.write('title = "Chronique synthétique"\nbase_url = "https://example.org/"\nlanguage = "fr"\n'
                'description = "Une chronique générée pour mesurer."\n[build]\nper_page = 20\n')
    places = [f"lieu-{i}" for i in range(200)]
    with open(os.path.join(root, "content", "places.toml"), "w") as f:
        for i, p in enumerate(places):
            f.write(f'[[place]]\nid = "{p}"\nname = "Lieu {i}"\naliases = ["Endroit {i}", "Village {i}"]\n'
                    f'lat = {39 + (i % 20) / 20:.4f}\nlon = {46 + (i // 20) / 10:.4f}\nkind = "village"\n\n')
    with open(os.path.join(root, "content", "sides.toml"), "w") as f:
        for sid, name, color in SIDES:
            f.write(f'[[side]]\nid = "{sid}"\nname = "{name}"\ncolor = "{color}"\n\n')
    topics = [f"sujet-{i}" for i in range(30)]
    with open(os.path.join(root, "content", "topics.toml"), "w") as f:
        for i, t in enumerate(topics):
            f.write(f'[[topic]]\nid = "{t}"\nname = "Sujet {i}"\ndescription = "{sentence(rng, 8)}"\n\n')
    start = datetime.date(2020, 9, 27)
    per_day = max(1, count // 1000)
    for i in range(count):
        day = start + datetime.timedelta(days=i // per_day)
        ps = rng.sample(places, rng.randint(1, 4))
        ss = [s[0] for s in rng.sample(SIDES, 2)]
        ts = rng.sample(topics, 2)
        body = "\n\n".join(sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(3, 8)))
        name = f"{day}-depeche-{i}.md"
        with open(os.path.join(root, "content", "dispatches", name), "w") as f:
            f.write(f'---\ntitle: "Dépêche {i} : {sentence(rng, 5)[:-1]}"\ndate: {day}\n'
                    f'sides: [{", ".join(ss)}]\nplaces: [{", ".join(ps)}]\ntopics: [{", ".join(ts)}]\n---\n\n'
                    f'{body}\n\n## Bilan\n\n{sentence(rng, 30)}\n')


if __name__ == "__main__":
    main()
