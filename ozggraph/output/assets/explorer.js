/* ozggraph explorer: sortable/searchable tables and the cooperation network (vis-network).
   Everything works offline: data comes from the inline JSON element #ozg-data. MIT. */
(function () {
  "use strict";

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

  /* ---- tables: click a header to sort, type in the box to filter ---- */
  function cellValue(text) {
    var t = text.replace(/[\s,€%]/g, "").replace("–", "");
    if (t !== "" && !isNaN(Number(t))) return Number(t);
    return text.toLowerCase();
  }

  function enhanceTable(table) {
    var body = table.tBodies[0];
    if (!body) return;
    if (table.classList.contains("searchable")) {
      var box = el("input", {
        type: "search", "class": "table-filter", placeholder: "filter rows…",
        "aria-label": "filter the rows of this table"
      });
      table.parentNode.insertBefore(box, table);
      box.addEventListener("input", function () {
        var q = box.value.toLowerCase();
        Array.prototype.forEach.call(body.rows, function (row) {
          row.style.display = row.textContent.toLowerCase().indexOf(q) >= 0 ? "" : "none";
        });
      });
    }
    if (table.classList.contains("sortable") && table.tHead) {
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        th.setAttribute("title", "sort");
        th.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) {
            other.removeAttribute("aria-sort");
          });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a.cells[col] ? a.cells[col].textContent : "");
            var y = cellValue(b.cells[col] ? b.cells[col].textContent : "");
            if (typeof x !== typeof y) { x = String(x); y = String(y); }
            return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    }
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable, table.searchable"), enhanceTable);

  /* ---- the network ---- */
  var dataNode = document.getElementById("ozg-data");
  var container = document.getElementById("network-view");
  if (!dataNode || !container || typeof vis === "undefined") return;
  var data = JSON.parse(dataNode.textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var SHOWN = 12; // items of a list shown before "and N more"

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.name, x: n.x, y: n.y, size: n.size, shape: "dot",
      color: { background: n.color, border: "#333", highlight: { background: n.color, border: "#000" } },
      title: n.name + " (" + n.label + ", " + (n.land || "?") + ")",
      font: { size: 11 + Math.round(n.size / 4), strokeWidth: 3, strokeColor: "#fff" }
    };
  }));
  var edges = new vis.DataSet(data.links.map(function (l, i) {
    return {
      id: "e" + i, from: l.from, to: l.to, width: Math.min(1 + l.weight, 6),
      color: { color: "#9aa5b1", opacity: 0.45, highlight: "#222" },
      title: l.weight + " shared tie" + (l.weight === 1 ? "" : "s") + ": " + l.layers.join(", ")
    };
  }));
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: false,
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: false },
    nodes: { borderWidth: 1 },
    edges: { smooth: false }
  });
  window.ozgNetwork = network; // for tests and the curious

  /* legend */
  var legend = document.getElementById("legend");
  legend.appendChild(el("strong", { text: "Colour: community (bodies)" }));
  data.communities.forEach(function (c) {
    legend.appendChild(el("div", { "class": "item" }, [
      el("span", { "class": "dot", style: "background:" + c.color }),
      el("span", { text: c.community + ": " + c.leading.join("; ") + " (" + c.size + ")" })
    ]));
  });

  /* filters */
  function fill(select, values) {
    values.forEach(function (v) { select.appendChild(el("option", { value: v, text: v })); });
  }
  function distinct(key) {
    var seen = {};
    data.nodes.forEach(function (n) { if (n[key]) seen[n[key]] = true; });
    return Object.keys(seen).sort();
  }
  var landSel = document.getElementById("filter-land");
  var levelSel = document.getElementById("filter-level");
  fill(landSel, distinct("land"));
  fill(levelSel, distinct("level"));
  var layerBox = document.getElementById("filter-layers");
  var layerOn = {};
  data.layers.forEach(function (layer) {
    layerOn[layer] = true;
    var box = el("input", { type: "checkbox", value: layer, checked: "checked" });
    box.addEventListener("change", function () { layerOn[layer] = box.checked; applyFilters(); });
    layerBox.appendChild(el("label", {}, [box, " " + layer]));
  });

  function visible(n) {
    return (!landSel.value || n.land === landSel.value) && (!levelSel.value || n.level === levelSel.value);
  }
  function applyFilters() {
    nodes.update(data.nodes.map(function (n) { return { id: n.id, hidden: !visible(n) }; }));
    edges.update(data.links.map(function (l, i) {
      var on = l.layers.some(function (x) { return layerOn[x]; }) || l.layers.length === 0;
      return { id: "e" + i, hidden: !(on && visible(byId[l.from]) && visible(byId[l.to])) };
    }));
  }
  landSel.addEventListener("change", applyFilters);
  levelSel.addEventListener("change", applyFilters);
  document.getElementById("reset-view").addEventListener("click", function () {
    landSel.value = ""; levelSel.value = "";
    Array.prototype.forEach.call(layerBox.querySelectorAll("input"), function (b) {
      b.checked = true; layerOn[b.value] = true;
    });
    applyFilters();
    network.unselectAll();
    network.fit({ animation: false });
  });

  /* details of a body */
  var detail = document.getElementById("detail");
  function fmt(v) {
    if (v === null || v === undefined) return "–";
    if (typeof v === "number") return Number.isInteger(v) ? v.toLocaleString("en") : v.toFixed(4);
    return String(v);
  }
  function moreList(items, render, container) {
    items.slice(0, SHOWN).forEach(function (it) { container.appendChild(render(it)); });
    if (items.length > SHOWN) {
      var rest = items.slice(SHOWN);
      var button = el("button", { type: "button", "class": "more", text: "… and " + rest.length + " more" });
      var holder = el("li", {}, [button]);
      button.addEventListener("click", function () {
        holder.remove();
        rest.forEach(function (it) { container.appendChild(render(it)); });
      });
      container.appendChild(holder);
    }
  }
  function when(t) {
    var parts = [];
    if (t.date) parts.push(t.date);
    if (t.valid_from || t.valid_to) parts.push((t.valid_from || "…") + "–" + (t.valid_to || "…"));
    if (t.stage) parts.push("stage " + t.stage);
    if (t.status) parts.push(t.status);
    if (t.amount_eur !== undefined) parts.push(Number(t.amount_eur).toLocaleString("en") + " €");
    else if (t.amount_bound_eur !== undefined) parts.push((t.amount_kind || "") + " " + Number(t.amount_bound_eur).toLocaleString("en") + " €");
    if (t.role) parts.push(t.role);
    return parts.join(" · ") || "undated";
  }
  function sourceItem(id) {
    var s = data.sources[id] || {};
    var text = (s.name || id) + (s.publisher ? " — " + s.publisher : "") + (s.date ? ", " + s.date : "");
    var li = el("li", {});
    if (s.url) li.appendChild(el("a", { href: s.url, rel: "noopener noreferrer", target: "_blank", text: text }));
    else li.appendChild(document.createTextNode(text));
    return li;
  }
  function show(id) {
    var n = byId[id];
    if (!n) return;
    detail.innerHTML = "";
    detail.appendChild(el("h3", { text: n.name }));
    detail.appendChild(el("div", { "class": "meta", text: n.label + " · " + (n.land || "no Land") + " · " + (n.level || "") + " · " + n.id + " · community " + n.community }));
    var measures = el("table", {}, Object.keys(n.measures).map(function (k) {
      return el("tr", {}, [el("th", { text: k }), el("td", { "class": "r", text: fmt(n.measures[k]) })]);
    }));
    detail.appendChild(measures);
    var partners = data.links.filter(function (l) { return l.from === id || l.to === id; })
      .map(function (l) { return { other: l.from === id ? l.to : l.from, weight: l.weight, layers: l.layers }; })
      .sort(function (a, b) { return b.weight - a.weight || (byId[a.other].name < byId[b.other].name ? -1 : 1); });
    detail.appendChild(el("strong", { text: "Partners (" + partners.length + ")" }));
    var plist = el("ul", { id: "partner-list" });
    moreList(partners, function (p) {
      var a = el("a", { href: "#network", text: byId[p.other].name });
      a.addEventListener("click", function (e) { e.preventDefault(); select(p.other); });
      return el("li", {}, [a, " — " + p.weight + " tie" + (p.weight === 1 ? "" : "s") + " (" + p.layers.join(", ") + ")"]);
    }, plist);
    detail.appendChild(plist);
    var ties = (data.ties[id] || []).slice().sort(function (a, b) { return (a.type + a.id < b.type + b.id ? -1 : 1); });
    detail.appendChild(el("strong", { text: "Ties (" + ties.length + ") with dates, evidence and sources" }));
    var tlist = el("ul", { id: "tie-list" });
    moreList(ties, function (t) {
      var out = t.source === id;
      var other = out ? t.target_name : t.source_name;
      var head = el("div", {}, [
        el("b", { text: (out ? "" : "← ") + t.type + (out ? " → " : " ") }), other
      ]);
      var item = el("li", { "class": "tie" }, [head, el("div", { text: when(t) })]);
      item.appendChild(el("div", {}, [
        "evidence: ", el("span", { "class": "ev", text: t.evidence || "not stated" })
      ]));
      if (t.note) item.appendChild(el("div", { "class": "hint", text: t.note }));
      var srcs = el("ul", {});
      (t.sources || []).forEach(function (s) { srcs.appendChild(sourceItem(s)); });
      item.appendChild(el("div", {}, ["sources:", srcs]));
      return item;
    }, tlist);
    detail.appendChild(tlist);
  }
  function select(id) {
    if (!byId[id]) return;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: false });
    show(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) show(params.nodes[0]);
  });

  /* search */
  var search = document.getElementById("body-search");
  var hits = document.getElementById("search-hits");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    return data.nodes.filter(function (n) {
      return n.name.toLowerCase().indexOf(q) >= 0 || n.id.toLowerCase() === q;
    }).sort(function (a, b) {
      var ax = a.name.toLowerCase() === q ? 0 : a.name.toLowerCase().indexOf(q) === 0 ? 1 : 2;
      var bx = b.name.toLowerCase() === q ? 0 : b.name.toLowerCase().indexOf(q) === 0 ? 1 : 2;
      return ax - bx || b.size - a.size;
    });
  }
  function listHits() {
    hits.innerHTML = "";
    var found = matches(search.value);
    found.slice(0, 8).forEach(function (n) {
      var li = el("li", { "data-id": n.id, text: n.name + " (" + (n.land || "?") + ", " + n.id + ")" });
      li.addEventListener("click", function () { select(n.id); });
      hits.appendChild(li);
    });
    if (found.length > 8) hits.appendChild(el("li", { "class": "more", text: "… and " + (found.length - 8) + " more" }));
    if (search.value.trim() && !found.length) hits.appendChild(el("li", { "class": "more", text: "no body matches" }));
  }
  search.addEventListener("input", listHits);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var found = matches(search.value);
      if (found.length) select(found[0].id);
    }
  });
  document.documentElement.setAttribute("data-explorer", "ready");
})();
