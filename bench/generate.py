#!/usr/bin/env python3
"""Writes a synthetic chronicle modelled on the sample: French text, about 200
places with aliases, 6 sides, 30 topics, 1 to 4 places per dispatch.

    python3 bench/generate.py DIR COUNT [--hugo HUGODIR]

DIR gets chronicle.toml and content/ (places.toml, sides.toml, topics.toml,
dispatches/). The same COUNT always gives the same chronicle.

With --hugo, HUGODIR also gets the same dispatches as a Hugo site (used by
bench/compare.py): hugo.toml with the taxonomies places, sides and topics,
pagination of 20 and RSS feeds for taxonomy and term pages; a minimal layout
set; content/dispatches/ with the same Markdown bodies and front-matter mapped
to Hugo's (slug, and the places, sides and topics as taxonomy lists); and one
_index.md per place, side and topic giving its name (and the place's aliases
as redirects, as chronicle writes them). Dispatch URLs are the same as
chronicle's: /YYYY/MM/DD/slug/.
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


HUGO_CONFIG = """baseURL = "https://example.org/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "Chronique synthétique"
disableKinds = ["robotsTXT"]

[params]
description = "Une chronique générée pour mesurer."

[taxonomies]
place = "places"
side = "sides"
topic = "topics"

[pagination]
pagerSize = 20

[permalinks.page]
dispatches = "/:year/:month/:day/:slug/"

[outputs]
home = ["html", "rss"]
section = ["html", "rss"]
taxonomy = ["html", "rss"]
term = ["html", "rss"]

# chronicle's feeds hold the 20 latest dispatches; Hugo's default is all of them.
[services.rss]
limit = 20
"""

# A few lines each: every page renders its title, date, taxonomy links, body or
# summaries, and lists are paginated.
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<title>{{ if not .IsHome }}{{ .Title }} — {{ end }}{{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav><a href="/places/">Lieux</a> <a href="/sides/">Camps</a> <a href="/topics/">Sujets</a> <a href="/dispatches/">Archives</a></nav></header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "_partials/tags.html": """<ul class="tags">
{{ range .GetTerms "sides" }}<li><a class="badge side" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}{{ range .GetTerms "places" }}<li><a class="tag place" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}{{ range .GetTerms "topics" }}<li><a class="tag topic" href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a></li>
{{ end }}</ul>
""",
    "_partials/card.html": """<article class="card">
  <h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_full" }}</time></p>
  {{ partial "tags.html" . }}
  <div class="summary">{{ .Summary }}</div>
</article>
""",
    "_partials/pager.html": """{{ if gt .TotalPages 1 }}<nav class="pagination">
{{ with .Prev }}<a rel="prev" href="{{ .URL }}">← Plus récentes</a>{{ end }}
<span>Page {{ .PageNumber }} sur {{ .TotalPages }}</span>
{{ with .Next }}<a rel="next" href="{{ .URL }}">Plus anciennes →</a>{{ end }}
</nav>{{ end }}
""",
    "single.html": """{{ define "main" }}<article class="dispatch">
<header>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_full" }}</time></p>
{{ partial "tags.html" . }}
</header>
<div class="body">
{{ .Content }}
</div>
<nav class="prev-next">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}
</nav>
</article>{{ end }}
""",
    "home.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ $pager := .Paginate (where site.RegularPages "Section" "dispatches") }}
{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" $pager }}{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" $pager }}{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}</ul>{{ end }}
""",
    "term.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Params.aliases_shown }}<p>Autres graphies : {{ delimit . ", " }}</p>{{ end }}
{{ with .Description }}<p>{{ . }}</p>{{ end }}
<p class="meta">{{ len .Pages }} dépêches</p>
{{ $pager := .Paginate .Pages }}
{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" $pager }}{{ end }}
""",
}


def write_hugo_site(hugo, places, topic_descriptions):
    """Writes the Hugo site's config, layouts and term pages; dispatches are
    written alongside chronicle's in main()."""
    os.makedirs(os.path.join(hugo, "content", "dispatches"), exist_ok=True)
    with open(os.path.join(hugo, "hugo.toml"), "w") as f:
        f.write(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        path = os.path.join(hugo, "layouts", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(os.path.join(hugo, "content", "dispatches", "_index.md"), "w") as f:
        f.write('---\ntitle: "Archives"\n---\n')

    def term(taxonomy, tid, front):
        folder = os.path.join(hugo, "content", taxonomy, tid)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "_index.md"), "w") as f:
            f.write("---\n" + front + "---\n")

    for taxonomy, title in (("places", "Lieux"), ("sides", "Camps"), ("topics", "Sujets")):
        os.makedirs(os.path.join(hugo, "content", taxonomy), exist_ok=True)
        with open(os.path.join(hugo, "content", taxonomy, "_index.md"), "w") as f:
            f.write(f'---\ntitle: "{title}"\n---\n')
    for i, p in enumerate(places):
        term("places", p, f'title: "Lieu {i}"\naliases_shown: ["Endroit {i}", "Village {i}"]\n'
                          f'aliases: ["/places/endroit-{i}/", "/places/village-{i}/"]\n')
    for sid, name, _ in SIDES:
        term("sides", sid, f'title: "{name}"\n')
    for i, (t, description) in enumerate(topic_descriptions):
        term("topics", t, f'title: "Sujet {i}"\ndescription: "{description}"\n')


def main():
    args = sys.argv[1:]
    hugo = None
    if "--hugo" in args:
        at = args.index("--hugo")
        hugo = args[at + 1]
        del args[at:at + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    root, count = args[0], int(args[1])
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
    topic_descriptions = []
    with open(os.path.join(root, "content", "topics.toml"), "w") as f:
        for i, t in enumerate(topics):
            description = sentence(rng, 8)
            topic_descriptions.append((t, description))
            f.write(f'[[topic]]\nid = "{t}"\nname = "Sujet {i}"\ndescription = "{description}"\n\n')
    if hugo:
        write_hugo_site(hugo, places, topic_descriptions)
    start = datetime.date(2020, 9, 27)
    per_day = max(1, count // 1000)
    for i in range(count):
        day = start + datetime.timedelta(days=i // per_day)
        ps = rng.sample(places, rng.randint(1, 4))
        ss = [s[0] for s in rng.sample(SIDES, 2)]
        ts = rng.sample(topics, 2)
        body = "\n\n".join(sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(3, 8)))
        name = f"{day}-depeche-{i}.md"
        title = f"Dépêche {i} : {sentence(rng, 5)[:-1]}"
        text = f'{body}\n\n## Bilan\n\n{sentence(rng, 30)}\n'
        with open(os.path.join(root, "content", "dispatches", name), "w") as f:
            f.write(f'---\ntitle: "{title}"\ndate: {day}\n'
                    f'sides: [{", ".join(ss)}]\nplaces: [{", ".join(ps)}]\ntopics: [{", ".join(ts)}]\n---\n\n'
                    + text)
        if hugo:
            with open(os.path.join(hugo, "content", "dispatches", name), "w") as f:
                f.write(f'---\ntitle: "{title}"\ndate: {day}\nslug: depeche-{i}\n'
                        f'sides: [{", ".join(ss)}]\nplaces: [{", ".join(ps)}]\ntopics: [{", ".join(ts)}]\n---\n\n'
                        + text)


if __name__ == "__main__":
    main()
