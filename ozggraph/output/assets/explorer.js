/* ozggraph explorer: paged/sortable/filterable tables and the cooperation network (vis-network).
   Everything works offline: data comes from the inline JSON element #ozg-data. MIT. */
(function () {
  "use strict";

  var dataNode = document.getElementById("ozg-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : { words: {}, names: {}, lang: document.documentElement.lang };
  var LANG = data.lang === "de" ? "de-DE" : "en-US";
  var numberFormat = new Intl.NumberFormat(LANG);

  function t(key, values) {
    var text = (data.words && data.words[key]) || key;
    Object.keys(values || {}).forEach(function (k) { text = text.replace("{" + k + "}", values[k]); });
    return text;
  }
  function word(key) { return (data.names && data.names[key]) || key; }
  function fmt(v, digits) {
    if (v === null || v === undefined) return "–";
    if (typeof v !== "number") return String(v);
    if (digits) return new Intl.NumberFormat(LANG, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
    return numberFormat.format(v);
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "class") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* ---- tables: every row is in the page; pages, sort and filter run over all of them ---- */
  function cellValue(text) {
    var t0 = text.replace(/[\s€%~≥≤]/g, "");
    var n = LANG === "de-DE" ? t0.replace(/\./g, "").replace(",", ".") : t0.replace(/,/g, "");
    if (n !== "" && n !== "–" && !isNaN(Number(n))) return Number(n);
    return text.toLowerCase();
  }
  function enhanceTable(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var all = Array.prototype.slice.call(body.rows);
    all.forEach(function (r) { r.ozgText = null; });
    var size = Number(table.getAttribute("data-page")) || 0;
    var page = 0;
    var query = "";
    var pager = el("div", { "class": "pager" });
    var box = el("input", { type: "search", "class": "table-filter", placeholder: t("filter rows…"), "aria-label": t("filter rows…") });
    var bar = el("div", { "class": "table-bar" }, [box, pager]);
    table.parentNode.insertBefore(bar, table);
    function matching() {
      return all.filter(function (row) {
        if (!query) return true;
        if (row.ozgText === null) row.ozgText = row.textContent.toLowerCase();
        return row.ozgText.indexOf(query) >= 0;
      });
    }
    function draw() {
      var rows = matching();
      var pages = size ? Math.max(1, Math.ceil(rows.length / size)) : 1;
      page = Math.min(page, pages - 1);
      var from = size ? page * size : 0, to = size ? from + size : rows.length;
      all.forEach(function (r) { r.ozgShown = false; });
      rows.slice(from, to).forEach(function (r) { r.ozgShown = true; });
      all.forEach(function (r) { if (r.hidden === r.ozgShown) r.hidden = !r.ozgShown; });
      pager.innerHTML = "";
      pager.appendChild(el("span", { text: t("{n} rows", { n: fmt(rows.length) }) + (pages > 1 ? " · " + t("page {page} of {pages}", { page: page + 1, pages: pages }) : "") }));
      if (pages > 1) {
        var prev = el("button", { type: "button", text: "‹ " + t("previous") });
        var next = el("button", { type: "button", text: t("next") + " ›" });
        prev.disabled = page === 0; next.disabled = page >= pages - 1;
        prev.addEventListener("click", function () { page -= 1; draw(); });
        next.addEventListener("click", function () { page += 1; draw(); });
        pager.appendChild(prev); pager.appendChild(next);
      }
    }
    box.addEventListener("input", function () { query = box.value.toLowerCase(); page = 0; draw(); });
    if (table.tHead) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        th.setAttribute("title", t("sort"));
        th.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          all.sort(function (a, b) {
            var x = cellValue(a.cells[col] ? a.cells[col].textContent : "");
            var y = cellValue(b.cells[col] ? b.cells[col].textContent : "");
            if (typeof x !== typeof y) { x = String(x); y = String(y); }
            return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
          });
          all.forEach(function (r) { body.appendChild(r); });
          page = 0; draw();
        });
      });
    }
    draw();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable, table.searchable"), enhanceTable);

  /* ---- the network ---- */
  var container = document.getElementById("network-view");
  if (!dataNode || !container || typeof vis === "undefined") {
    document.documentElement.setAttribute("data-explorer", "ready");
    return;
  }
  var byId = {};
  var own = {};
  data.nodes.forEach(function (n, i) {
    n.index = i; n.links = []; byId[n.id] = n; own[n.id] = [];
    if (n.community === undefined) n.community = null;
    n.aka = n.aka || []; n.pagerank = n.pagerank || 0; n.label = !!n.label;
  });
  Object.keys(data.claims).sort().forEach(function (id) {
    var c = data.claims[id];
    if (own[c.source]) own[c.source].push(id);
    if (own[c.target] && c.target !== c.source) own[c.target].push(id);
  });
  var links = data.links.map(function (l, i) {
    var link = { i: i, u: data.nodes[l[0]], v: data.nodes[l[1]], ties: l[2] };
    link.u.links.push(link); link.v.links.push(link);
    return link;
  });
  var layerOn = {};
  data.layers.forEach(function (x) { layerOn[x.id] = x.shown; });
  var state = { body: null, land: "", path: null };

  function activeTies(link) {
    return link.ties.filter(function (b) { return layerOn[data.bundles[b].layer]; });
  }
  function inLand(n) { return !state.land || n.land === state.land; }
  function shownLinks(n) {
    return n.links.filter(function (l) { return activeTies(l).length && inLand(l.u) && inLand(l.v); });
  }
  function other(link, n) { return link.u === n ? link.v : link.u; }

  var FONT = data.font || 20;
  /* what the canvas shows of a body and of a link, for the layers, Land, body and path chosen */
  function nodeView(n, near) {
    var linked = shownLinks(n).length > 0;
    var hidden = !inLand(n) && !near[n.id] && !pathNodes[n.id];
    var label = n.label || near[n.id] || pathNodes[n.id] ? n.name : undefined;
    return { id: n.id, hidden: hidden, label: label, opacity: linked || near[n.id] || pathNodes[n.id] ? 1 : 0.25 };
  }
  function edgeView(l, focus) {
    var count = activeTies(l).length;
    var on = count > 0 && inLand(l.u) && inLand(l.v);
    var lit = focus && (l.u === focus || l.v === focus);
    var p = pathEdges[l.i];
    return {
      id: "e" + l.i, from: l.u.id, to: l.v.id, hidden: !(on || p), width: p ? 5 : Math.min(1 + count, 6),
      color: p ? { color: "#d62728", opacity: 1 } : { color: lit ? "#333" : "#8a96a3", opacity: lit ? 0.9 : 0.45, highlight: "#222" },
      title: t(count === 1 ? "shared tie" : "shared ties") + ": " + fmt(count) + " · " + l.u.name + " – " + l.v.name
    };
  }
  var pathEdges = {}, pathNodes = {};
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var view = nodeView(n, {});
    view.x = n.x; view.y = n.y; view.size = n.size; view.shape = "dot";
    view.color = { background: n.color, border: "#333", highlight: { background: n.color, border: "#000" } };
    view.title = n.name + " (" + word(n.kind) + ", " + (n.land || "–") + ")";
    view.font = { size: FONT, strokeWidth: 4, strokeColor: "#fff" };
    return view;
  }));
  /* only the links shown are handed to vis-network: most links are in layers switched off */
  function edgeViews(focus) {
    return links.map(function (l) { return edgeView(l, focus); }).filter(function (v) { return !v.hidden; });
  }
  var edges = new vis.DataSet(edgeViews(null));
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: false, layout: { randomSeed: 0, improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, keyboard: false, hideEdgesOnDrag: true },
    nodes: { borderWidth: 1 }, edges: { smooth: false }
  });
  window.ozgNetwork = network; // for tests and the curious

  /* layers, Land, and what the canvas shows */
  var layerBox = document.getElementById("filter-layers");
  data.layers.forEach(function (x) {
    var box = el("input", { type: "checkbox", value: x.id });
    box.checked = x.shown;
    box.addEventListener("change", function () { layerOn[x.id] = box.checked; redraw(); saveState(); });
    layerBox.appendChild(el("label", { "class": "layer layer-" + x.id }, [box, " " + x.name]));
  });
  var landSel = document.getElementById("filter-land");
  var lands = {};
  data.nodes.forEach(function (n) { if (n.land) lands[n.land] = true; });
  Object.keys(lands).sort().forEach(function (l) { landSel.appendChild(el("option", { value: l, text: l })); });
  landSel.addEventListener("change", function () { state.land = landSel.value; redraw(); saveState(); });

  function redraw() {
    var focus = state.body ? byId[state.body] : null;
    var near = {};
    if (focus) { near[focus.id] = true; shownLinks(focus).forEach(function (l) { near[other(l, focus).id] = true; }); }
    nodes.update(data.nodes.map(function (n) { return nodeView(n, near); }));
    var views = edgeViews(focus), keep = {};
    views.forEach(function (v) { keep[v.id] = true; });
    edges.remove(edges.getIds().filter(function (id) { return !keep[id]; }));
    edges.update(views);
    if (focus) show(focus.id);
  }

  /* the address keeps the view: #body=…&layers=…&land=…&path=a,b */
  function saveState() {
    var parts = [];
    if (state.body) parts.push("body=" + encodeURIComponent(state.body));
    parts.push("layers=" + data.layers.filter(function (x) { return layerOn[x.id]; }).map(function (x) { return x.id; }).join(","));
    if (state.land) parts.push("land=" + encodeURIComponent(state.land));
    if (state.path) parts.push("path=" + state.path.map(encodeURIComponent).join(","));
    var hash = "#" + parts.join("&");
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }
  function readState() {
    var params = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i > 0) params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
    });
    if (!("body" in params) && !("layers" in params)) return false;
    if ("layers" in params) {
      var wanted = params.layers.split(",");
      data.layers.forEach(function (x) { layerOn[x.id] = wanted.indexOf(x.id) >= 0; });
      Array.prototype.forEach.call(layerBox.querySelectorAll("input"), function (b) { b.checked = layerOn[b.value]; });
    }
    state.land = params.land && lands[params.land] ? params.land : "";
    landSel.value = state.land;
    var ends = params.path ? params.path.split(",").map(decodeURIComponent) : null;
    if (ends && ends.length === 2 && byId[ends[0]] && byId[ends[1]]) choosePath(ends[0], ends[1], true);
    if (params.body && byId[params.body]) select(params.body, true);
    else { state.body = null; redraw(); }
    return true;
  }

  /* legend */
  var legend = document.getElementById("legend");
  data.communities.forEach(function (c) {
    legend.appendChild(el("div", { "class": "item" }, [
      el("span", { "class": "dot", style: "background:" + c.color }),
      el("span", { text: c.community + ": " + c.leading.join("; ") + " (" + fmt(c.size) + ")" })
    ]));
  });

  /* a claim: who → whom, when, how sure, on what sources */
  function nameOf(id) { return (byId[id] && byId[id].name) || (data.contexts[id] && data.contexts[id].name) || id; }
  function when(c) {
    var parts = [];
    if (c.date) parts.push(c.date);
    if (c.valid_from || c.valid_to) parts.push((c.valid_from || "…") + "–" + (c.valid_to || "…"));
    if (c.stage) parts.push(t("stage") + " " + c.stage);
    if (c.status) parts.push(c.status);
    if (c.role) parts.push(c.role);
    if (c.amount_eur !== undefined) parts.push(fmt(c.amount_eur) + " €");
    else if (c.amount_bound_eur !== undefined) parts.push((c.amount_kind || "") + " " + fmt(c.amount_bound_eur) + " €");
    return parts.join(" · ") || t("undated");
  }
  function sourceItem(i) {
    var s = data.sources[i] || {};
    var text = (s.name || "?") + (s.publisher ? " — " + s.publisher : "") + (s.date ? ", " + s.date : "");
    var li = el("li", {});
    if (s.url) li.appendChild(el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank", text: text }));
    else li.appendChild(document.createTextNode(text));
    return li;
  }
  function claimItem(id) {
    var c = data.claims[id];
    if (!c) return el("li", { "class": "claim", text: id });
    var item = el("li", { "class": "claim" }, [
      el("div", {}, [nameOf(c.source) + " ", el("b", { text: word(c.type) }), " " + nameOf(c.target)]),
      el("div", { "class": "hint", text: when(c) + " · " + t("evidence") + ": " + (c.evidence ? word(c.evidence) : t("not stated")) })
    ]);
    if (c.note !== undefined) item.appendChild(el("div", { "class": "hint", text: data.notes[c.note] }));
    var srcs = el("ul", { "class": "sources" });
    (c.sources || []).forEach(function (s) { srcs.appendChild(sourceItem(s)); });
    item.appendChild(el("div", {}, [t("sources") + ":", srcs]));
    return item;
  }
  function layerName(id) {
    var x = data.layers.filter(function (l) { return l.id === id; })[0];
    return x ? x.name : id;
  }
  /* one tie between a and b: its layer, what it is made of, each side's claims */
  function tieItem(b, a, p) {
    var bundle = data.bundles[b];
    var what = bundle.contexts.map(function (c) {
      var ctx = data.contexts[c] || {};
      return (ctx.name || c) + (ctx.label ? " (" + word(ctx.label) + ")" : "");
    }).join(" · ");
    var claims = el("ul", { "class": "claims" });
    var ids = [].concat(bundle.claims, bundle.by[a.id] || [], bundle.by[p.id] || []);
    ids.filter(function (x, i) { return ids.indexOf(x) === i; }).forEach(function (id) { claims.appendChild(claimItem(id)); });
    return el("li", { "class": "tie", "data-layer": bundle.layer }, [
      el("span", { "class": "layer-tag layer-" + bundle.layer, text: layerName(bundle.layer) }),
      " " + (what || t("tie of") + " " + a.name + " – " + p.name), claims
    ]);
  }
  function tiesOf(link, a) {
    var p = other(link, a);
    var list = el("ul", { "class": "ties" });
    activeTies(link).forEach(function (b) { list.appendChild(tieItem(b, a, p)); });
    return list;
  }

  /* the detail panel: every number is the count of what it lists */
  var detail = document.getElementById("detail");
  function show(id) {
    var n = byId[id];
    detail.innerHTML = "";
    detail.appendChild(el("h3", { text: n.name }));
    detail.appendChild(el("div", { "class": "meta", text: [word(n.kind), n.land || t("no Land"), n.level ? word(n.level) : "", n.id, n.community === null ? "" : t("community") + " " + n.community].filter(Boolean).join(" · ") }));
    if (n.aka.length) detail.appendChild(el("div", { "class": "meta", text: n.aka.join(" · ") }));
    var partners = shownLinks(n).sort(function (a, b) {
      return activeTies(b).length - activeTies(a).length || (other(a, n).name < other(b, n).name ? -1 : 1);
    });
    var tieCount = 0, perLayer = {};
    partners.forEach(function (l) {
      activeTies(l).forEach(function (b) {
        var layer = data.bundles[b].layer;
        perLayer[layer] = perLayer[layer] || { partners: {}, ties: 0 };
        perLayer[layer].partners[other(l, n).id] = true;
        perLayer[layer].ties += 1;
        tieCount += 1;
      });
    });
    var summary = el("table", { "class": "counts" }, [
      el("tr", {}, [el("th", { text: t("Partners in the layers shown") }), el("td", { "class": "r", id: "partner-count", text: fmt(partners.length) })]),
      el("tr", {}, [el("th", { text: t("ties") }), el("td", { "class": "r", id: "tie-count", text: fmt(tieCount) })])
    ]);
    data.layers.forEach(function (x) {
      var c = perLayer[x.id];
      if (!c) return;
      summary.appendChild(el("tr", { "class": "sub" }, [
        el("th", {}, [el("span", { "class": "layer-tag layer-" + x.id, text: x.name })]),
        el("td", { "class": "r", text: fmt(Object.keys(c.partners).length) + " " + t("partners") + " · " + fmt(c.ties) + " " + t("ties") })
      ]));
    });
    detail.appendChild(summary);
    var plist = el("ol", { id: "partner-list" });
    partners.forEach(function (l) {
      var p = other(l, n);
      var a = el("a", { href: "#", text: p.name });
      a.addEventListener("click", function (e) { e.preventDefault(); select(p.id); });
      var count = activeTies(l).length;
      var more = el("details", {}, [el("summary", { text: fmt(count) + " " + t(count === 1 ? "shared tie" : "shared ties") + ": " + activeTies(l).map(function (b) { return layerName(data.bundles[b].layer); }).filter(function (x, i, xs) { return xs.indexOf(x) === i; }).join(", ") })]);
      more.addEventListener("toggle", function () { if (more.open && more.children.length === 1) more.appendChild(tiesOf(l, n)); }, { once: false });
      plist.appendChild(el("li", { "class": "partner", "data-id": p.id, "data-ties": String(count) }, [a, more]));
    });
    if (!partners.length) detail.appendChild(el("p", { "class": "hint", text: t("No partner in the layers shown.") }));
    detail.appendChild(plist);
    var measures = el("details", { "class": "measures" }, [el("summary", { text: t("in the whole network (all layers)") }), el("table", {}, [
      el("tr", {}, [el("th", { text: t("PageRank") }), el("td", { "class": "r", text: n.community === null ? "–" : fmt(n.pagerank, 4) })]),
      el("tr", {}, [el("th", { text: t("betweenness") }), el("td", { "class": "r", text: fmt(n.betweenness, 3) })]),
      el("tr", {}, [el("th", { text: t("broker role") }), el("td", { "class": "r", text: n.role || "–" })])
    ])]);
    detail.appendChild(measures);
    var mine = own[n.id] || [];
    if (mine.length) {
      var claims = el("ul", { "class": "claims" });
      var box = el("details", { id: "own-claims" }, [el("summary", { text: t("Recorded claims of this body") + " (" + fmt(mine.length) + ")" })]);
      box.addEventListener("toggle", function () {
        if (box.open && !claims.children.length) { mine.forEach(function (c) { claims.appendChild(claimItem(c)); }); box.appendChild(claims); }
      });
      detail.appendChild(box);
    }
  }

  function select(id, quiet) {
    var n = byId[id];
    if (!n) return;
    state.body = id;
    if (state.land && !inLand(n)) { state.land = ""; landSel.value = ""; }
    redraw();
    network.selectNodes([id]);
    var around = [id].concat(shownLinks(n).map(function (l) { return other(l, n).id; }));
    network.fit({ nodes: around, animation: false });
    if (network.getScale() > 1.4) network.moveTo({ position: network.getPositions([id])[id], scale: 1.4, animation: false });
    if (!quiet) saveState();
  }
  network.on("click", function (params) {
    if (params.nodes.length) { state.body = params.nodes[0]; redraw(); saveState(); }
  });
  function overview() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.88, animation: false }); // room for labels at the edges
  }
  document.getElementById("reset-view").addEventListener("click", function () {
    state.body = null; state.land = ""; landSel.value = "";
    data.layers.forEach(function (x) { layerOn[x.id] = x.shown; });
    Array.prototype.forEach.call(layerBox.querySelectorAll("input"), function (b) { b.checked = layerOn[b.value]; });
    clearPath();
    network.unselectAll();
    detail.innerHTML = "";
    detail.appendChild(el("p", { "class": "hint", text: t("Click a body or search for one.") }));
    redraw(); overview(); saveState();
  });

  /* search over names, aliases, ids; "giessen" finds Gießen */
  function fold(text) {
    return text.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function umlauts(text) {
    return text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
  }
  data.nodes.forEach(function (n) {
    var names = [n.name].concat(n.aka);
    n.keys = [n.id.toLowerCase()].concat(names.map(fold), names.map(umlauts));
  });
  function matches(q) {
    var forms = [fold(q.trim()), umlauts(q.trim())];
    if (!forms[0]) return [];
    var found = [];
    data.nodes.forEach(function (n) {
      var best = 9;
      n.keys.forEach(function (k) {
        forms.forEach(function (f) {
          var at = k.indexOf(f);
          if (at < 0) return;
          best = Math.min(best, k === f ? 0 : at === 0 ? 1 : 2);
        });
      });
      if (best < 9) found.push({ n: n, rank: best });
    });
    found.sort(function (a, b) { return a.rank - b.rank || b.n.pagerank - a.n.pagerank; });
    return found.map(function (f) { return f.n; });
  }
  function suggest(input, list, choose) {
    function fill() {
      list.innerHTML = "";
      var found = matches(input.value);
      found.slice(0, 8).forEach(function (n, i) {
        var li = el("li", { "data-id": n.id, role: "option", "class": i === 0 ? "active" : "" }, [
          el("b", { text: n.name }), " (" + [word(n.kind), n.land, n.id].filter(Boolean).join(", ") + ")"
        ]);
        if (n.aka.length) li.appendChild(el("div", { "class": "hint", text: n.aka.join(" · ") }));
        li.addEventListener("mousedown", function (e) {
          e.preventDefault(); list.innerHTML = ""; input.dataset.chosen = n.id; choose(n.id);
        });
        list.appendChild(li);
      });
      if (found.length > 8) list.appendChild(el("li", { "class": "more", text: "… " + t("and {n} more", { n: fmt(found.length - 8) }) }));
      if (input.value.trim() && !found.length) list.appendChild(el("li", { "class": "more", text: t("no body matches") }));
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
    }
    input.addEventListener("input", function () { delete input.dataset.chosen; fill(); });
    input.addEventListener("keydown", function (e) {
      if (e.key !== "Enter") return;
      var found = input.dataset.chosen ? [byId[input.dataset.chosen]] : matches(input.value);
      if (found.length) { list.innerHTML = ""; input.dataset.chosen = found[0].id; choose(found[0].id); }
    });
  }
  var search = document.getElementById("body-search");
  suggest(search, document.getElementById("search-hits"), function (id) { search.value = byId[id].name; select(id); });

  /* a path between two bodies over the links of the layers shown */
  var pathFrom = document.getElementById("path-from"), pathTo = document.getElementById("path-to");
  var pathResult = document.getElementById("path-result");
  var ends = { from: null, to: null };
  function shortest(a, b) {
    var prev = {}; prev[a.id] = null;
    var queue = [a];
    while (queue.length) {
      var n = queue.shift();
      if (n === b) break;
      n.links.forEach(function (l) {
        if (!activeTies(l).length) return;
        var o = other(l, n);
        if (!(o.id in prev)) { prev[o.id] = l; queue.push(o); }
      });
    }
    if (!(b.id in prev)) return null;
    var hops = [], at = b;
    while (prev[at.id]) { hops.unshift(prev[at.id]); at = other(prev[at.id], at); }
    return hops;
  }
  function clearPath() {
    pathEdges = {}; pathNodes = {}; state.path = null; ends.from = ends.to = null;
    pathFrom.value = ""; pathTo.value = ""; pathResult.innerHTML = "";
  }
  function choosePath(a, b, quiet) {
    ends.from = a; ends.to = b;
    pathFrom.value = byId[a].name; pathTo.value = byId[b].name;
    document.getElementById("path-box").open = true;
    pathEdges = {}; pathNodes = {};
    pathResult.innerHTML = "";
    state.path = [a, b];
    var hops = shortest(byId[a], byId[b]);
    if (!hops) {
      pathResult.appendChild(el("p", { "class": "hint", text: t("No path in the layers shown.") }));
    } else {
      pathResult.appendChild(el("strong", { text: t("{n} steps", { n: fmt(hops.length) }) }));
      var list = el("ol", { id: "path-hops" });
      var at = byId[a];
      pathNodes[at.id] = true;
      hops.forEach(function (l) {
        var next = other(l, at);
        pathEdges[l.i] = true; pathNodes[next.id] = true;
        list.appendChild(el("li", {}, [el("b", { text: at.name + " – " + next.name }), tiesOf(l, at)]));
        at = next;
      });
      pathResult.appendChild(list);
    }
    redraw();
    var members = Object.keys(pathNodes);
    if (members.length && !quiet) network.fit({ nodes: members, animation: false });
    if (!quiet) saveState();
  }
  suggest(pathFrom, document.getElementById("path-from-hits"), function (id) {
    ends.from = id; pathFrom.value = byId[id].name; if (ends.to) choosePath(ends.from, ends.to);
  });
  suggest(pathTo, document.getElementById("path-to-hits"), function (id) {
    ends.to = id; pathTo.value = byId[id].name; if (ends.from) choosePath(ends.from, ends.to);
  });
  document.getElementById("path-clear").addEventListener("click", function () { clearPath(); redraw(); saveState(); });

  /* save the view: the canvas as PNG, the ties of the links shown as CSV */
  function download(name, href) {
    var a = el("a", { href: href, download: name });
    document.body.appendChild(a); a.click(); a.remove();
  }
  document.getElementById("save-png").addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    download("ozggraph-network.png", out.toDataURL("image/png"));
  });
  function csvCell(v) {
    var s = v === undefined || v === null ? "" : String(v);
    return /[",\n;]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function viewTies() {
    var rows = [["body", "body_name", "partner", "partner_name", "layer", "made_of", "claim", "type", "source", "target", "date", "valid_from", "valid_to", "evidence", "sources"]];
    var focus = state.body ? byId[state.body] : null;
    var chosen = focus ? shownLinks(focus) : links.filter(function (l) { return activeTies(l).length && inLand(l.u) && inLand(l.v); });
    chosen.forEach(function (l) {
      var a = focus || l.u, p = other(l, a);
      activeTies(l).forEach(function (b) {
        var bundle = data.bundles[b];
        var ids = [].concat(bundle.claims, bundle.by[a.id] || [], bundle.by[p.id] || []);
        ids.filter(function (x, i) { return ids.indexOf(x) === i; }).forEach(function (id) {
          var c = data.claims[id] || {};
          rows.push([a.id, a.name, p.id, p.name, bundle.layer, bundle.contexts.join("|"), id, c.type, c.source, c.target, c.date, c.valid_from, c.valid_to, c.evidence,
            (c.sources || []).map(function (s) { return (data.sources[s] || {}).url || (data.sources[s] || {}).name; }).join("|")]);
        });
      });
    });
    return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }
  window.ozgViewTies = viewTies;
  document.getElementById("save-csv").addEventListener("click", function () {
    var url = URL.createObjectURL(new Blob(["\ufeff" + viewTies()], { type: "text/csv;charset=utf-8" }));
    download("ozggraph-ties.csv", url);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  window.addEventListener("hashchange", readState);
  if (!readState()) overview();
  network.once("afterDrawing", function () { document.documentElement.setAttribute("data-explorer", "ready"); });
  network.redraw();
})();
