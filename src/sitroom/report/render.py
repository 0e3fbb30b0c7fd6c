"""The report model as Markdown or as a standalone HTML page (every data string escaped)."""
from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(s) -> str:
    """Article text in Markdown: special characters escaped so it cannot format or link."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(s).split())) if s is not None else ""


def h(s) -> str:
    return html.escape(" ".join(str(s).split()), quote=True) if s is not None else ""


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are rendered: article URLs are untrusted input."""
    if url and re.match(r"^https?://[^\s<>\"']+$", url, re.I):
        return url
    return None


def _fatalities(i: dict) -> str:
    if i["fatalities"] is None:
        return ""
    s = f"{i['fatalities']} killed"
    if i["fatalities_high"] is not None and i["fatalities_high"] != i["fatalities_low"]:
        s += f" (sources give {i['fatalities_low']}-{i['fatalities_high']})"
    return s


# -- Markdown ---------------------------------------------------------------
def _md_cites(cites: list[dict]) -> str:
    out = []
    for c in cites:
        label = f"{md(c['outlet'])}, {c['published'] or 'undated'}"
        url = safe_url(c["url"])
        out.append(f"[{label}](<{url}>)" if url else f"{label} ({md(c['id'])})")
    return "; ".join(out)


def _md_source(s: dict) -> str:
    return _md_cites(s["cites"]) + (" (one syndicated story)" if s["syndicated"] else "")


def to_markdown(m: dict) -> str:
    L = ["# Situation report", ""]
    scope = ", ".join(f"{k} {v}" for k, v in m["filters"].items()) or "all stored incidents"
    L.append(f"Scope: {md(scope)}.  ")
    if m["period"]:
        L.append(f"Events dated {m['period'][0]} to {m['period'][1]}.  ")
    corr = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in m["by_corroboration"].items()) or "none"
    L += [f"{m['n_incidents']} incidents ({corr}) reported in {m['n_incident_articles']} articles; "
          f"claims from {m['n_articles']} articles.", "",
          "Every line cites its articles. Extractive: quotes are the articles' own words.", ""]
    L += ["## Incidents by day and region", ""]
    if not m["days"]:
        L += ["No incidents match.", ""]
    for d in m["days"]:
        L += [f"### {d['day']}", ""]
        for r in d["regions"]:
            L += [f"#### {md(r['region'])}", ""]
            for i in r["incidents"]:
                head = f"**{md(i['what'])}**"
                if i["where"]:
                    head += f" at {md(i['where'])}"
                if i["actors"]:
                    head += f" ({md(' vs '.join(i['actors']))})"
                facts = [f"{i['num_sources']} independent source{'s' if i['num_sources'] != 1 else ''}, "
                         f"{i['num_articles']} article{'s' if i['num_articles'] != 1 else ''}",
                         i["corroboration"].replace("_", " ")]
                if i["certainty"] == "unverified":
                    facts.append("reported as unverified")
                if i["contested"]:
                    facts.append("; ".join(sorted(set(i["contested"]))))
                if _fatalities(i):
                    facts.append(_fatalities(i))
                L.append(f"- {head}: {', '.join(facts)}. \"{md(i['notes'])}\" "
                         f"Sources: {' / '.join(_md_source(s) for s in i['sources'])}. `{i['id']}`")
            L.append("")
    L += ["## Claims by side", ""]
    if not m["claims"]:
        L += ["No claims found.", ""]
    for s in m["claims"]:
        L += [f"### {md(s['side'])}", ""]
        for c in s["claims"]:
            who = md(c["speaker"]) if c["speaker"] else "(unattributed)"
            cue = f" ({md(c['cue'])})" if c["cue"] else ""
            L.append(f"- {who}{cue}: \"{md(c['content'])}\" "
                     f"[{', '.join(c['verification'])}]. {_md_cites(c['cites'])}")
        L.append("")
    L += ["## Conflicting figures and denials", ""]
    if not m["conflicts"]:
        L += ["No conflicts between independent sources.", ""]
    for c in m["conflicts"]:
        L.append(f"### {c['date']}, {md(c['where'])}: {md(c['what'])} (`{c['incident']}`)")
        L.append("")
        if "rows" in c:
            L += [f"Quantity: {md(c['counts'])}{' (' + md(c['unit']) + ')' if c['unit'] else ''}", "",
                  "| Figure | As written | Sources |", "|---|---|---|"]
            for r in c["rows"]:
                L.append(f"| {r['value']:g} ({md(r['qualifier'])}) | {md(r['mention'])} | {_md_cites(r['cites'])} |")
        else:
            L.append(f"- {md(c['reason'])}: \"{md(c['denial'])}\" {_md_cites(c['cites'])}")
        L.append("")
    return "\n".join(L).rstrip() + "\n"


# -- HTML -------------------------------------------------------------------
CSS = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
       "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem}"
       ".contested{color:#a40000}.corroborated{color:#066306}.single_source{color:#555}"
       "q{font-style:italic}code{font-size:.8em;color:#666}")


def _h_cites(cites: list[dict]) -> str:
    out = []
    for c in cites:
        label = f"{h(c['outlet'])}, {h(c['published'] or 'undated')}"
        url = safe_url(c["url"])
        out.append(f'<a href="{h(url)}" rel="noopener noreferrer">{label}</a>' if url
                   else f"{label} ({h(c['id'])})")
    return "; ".join(out)


def to_html(m: dict) -> str:
    L = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
         "<title>Situation report</title>", f"<style>{CSS}</style></head><body>", "<h1>Situation report</h1>"]
    scope = ", ".join(f"{k} {v}" for k, v in m["filters"].items()) or "all stored incidents"
    corr = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in m["by_corroboration"].items()) or "none"
    period = f" Events dated {h(m['period'][0])} to {h(m['period'][1])}." if m["period"] else ""
    L.append(f"<p>Scope: {h(scope)}.{period} {m['n_incidents']} incidents ({h(corr)}) reported in "
             f"{m['n_incident_articles']} articles; claims from {m['n_articles']} articles. "
             "Every line cites its articles; quotes are the articles' own words.</p>")
    L.append("<h2>Incidents by day and region</h2>")
    if not m["days"]:
        L.append("<p>No incidents match.</p>")
    for d in m["days"]:
        L.append(f"<h3>{h(d['day'])}</h3>")
        for r in d["regions"]:
            L.append(f"<h4>{h(r['region'])}</h4><ul>")
            for i in r["incidents"]:
                head = f"<strong>{h(i['what'])}</strong>"
                if i["where"]:
                    head += f" at {h(i['where'])}"
                if i["actors"]:
                    head += f" ({h(' vs '.join(i['actors']))})"
                facts = [f"{i['num_sources']} independent source{'s' if i['num_sources'] != 1 else ''}, "
                         f"{i['num_articles']} article{'s' if i['num_articles'] != 1 else ''}",
                         f'<span class="{h(i["corroboration"])}">{h(i["corroboration"].replace("_", " "))}</span>']
                if i["certainty"] == "unverified":
                    facts.append("reported as unverified")
                if i["contested"]:
                    facts.append(h("; ".join(sorted(set(i["contested"])))))
                if _fatalities(i):
                    facts.append(h(_fatalities(i)))
                srcs = " / ".join(_h_cites(s["cites"]) + (" (one syndicated story)" if s["syndicated"] else "")
                                  for s in i["sources"])
                L.append(f"<li>{head}: {', '.join(facts)}. <q>{h(i['notes'])}</q> Sources: {srcs}. "
                         f"<code>{h(i['id'])}</code></li>")
            L.append("</ul>")
    L.append("<h2>Claims by side</h2>")
    if not m["claims"]:
        L.append("<p>No claims found.</p>")
    for s in m["claims"]:
        L.append(f"<h3>{h(s['side'])}</h3><ul>")
        for c in s["claims"]:
            who = h(c["speaker"]) if c["speaker"] else "(unattributed)"
            cue = f" ({h(c['cue'])})" if c["cue"] else ""
            L.append(f"<li>{who}{cue}: <q>{h(c['content'])}</q> "
                     f"[{h(', '.join(c['verification']))}]. {_h_cites(c['cites'])}</li>")
        L.append("</ul>")
    L.append("<h2>Conflicting figures and denials</h2>")
    if not m["conflicts"]:
        L.append("<p>No conflicts between independent sources.</p>")
    for c in m["conflicts"]:
        L.append(f"<h3>{h(c['date'])}, {h(c['where'])}: {h(c['what'])} <code>{h(c['incident'])}</code></h3>")
        if "rows" in c:
            unit = f" ({h(c['unit'])})" if c["unit"] else ""
            L.append(f"<p>Quantity: {h(c['counts'])}{unit}</p><table><tr><th>Figure</th><th>As written</th>"
                     "<th>Sources</th></tr>")
            for r in c["rows"]:
                L.append(f"<tr><td>{r['value']:g} ({h(r['qualifier'])})</td><td>{h(r['mention'])}</td>"
                         f"<td>{_h_cites(r['cites'])}</td></tr>")
            L.append("</table>")
        else:
            L.append(f"<p>{h(c['reason'])}: <q>{h(c['denial'])}</q> {_h_cites(c['cites'])}</p>")
    L.append("</body></html>")
    return "\n".join(L) + "\n"
