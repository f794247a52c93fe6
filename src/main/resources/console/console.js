// The live console: one EventSource on /api/stream (a message every 200 ms of wall time, plant time on each),
// and the pages fed from it. Plain JavaScript bundled in the jar; nothing is fetched from the internet.
"use strict";
(function () {
  let points = [];          // [{tag, unit, kind, description, ...}] in message order
  const index = {};         // tag -> position
  let last = null;          // the last live message
  const history = {};       // tag -> [[tSeconds, value], ...] for the trended points
  const trended = new Set();
  const colours = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#5d4037", "#ad1457"];
  const MAX_WINDOW_S = 3600;

  function fmtTime(ms) {
    const s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return h + ":" + String(m).padStart(2, "0") + ":" + String(r).padStart(2, "0") + "." + String(Math.floor((ms % 1000) / 100));
  }
  function isBool(p) { return p && p.unit === "" && (p.kind === "status" || p.binding.indexOf("enable") >= 0 || /\.(Run|Open|Enable|Running|Fault|Defrosting)$/.test(p.tag)); }
  function fmtValue(p, v) {
    if (v === null || v === undefined) return "–";
    if (typeof v === "string") return v;
    if (isBool(p) && (v === 0 || v === 1)) return v === 1 ? "ON" : "off";
    const a = Math.abs(v);
    const s = a >= 1000 ? v.toFixed(0) : a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(3);
    return p.unit ? s + " " + p.unit : s;
  }
  function qualityClass(q) { return q === "B" ? "q-bad" : q === "U" ? "q-unc" : q === "F" ? "q-fault" : ""; }
  function qualityName(q) { return q === "B" ? "bad" : q === "U" ? "uncertain" : q === "F" ? "sensor fault" : "good"; }
  function value(tag) { const i = index[tag]; return i === undefined || !last ? undefined : last.v[i]; }

  // ---------------------------------------------------------------- pages
  function showPage() {
    const page = (location.hash || "#pid").substring(1);
    document.querySelectorAll(".page").forEach(function (s) { s.classList.toggle("hidden", s.id !== "page-" + page); });
    document.querySelectorAll(".tab").forEach(function (a) { a.classList.toggle("active", a.dataset.page === page); });
  }
  window.addEventListener("hashchange", showPage);

  // Drawing costs the browser more than anything the server sends, and two browsers share the bench's cores: every
  // write below is skipped when it would not change what is shown (a text or attribute set to the same value still
  // makes the browser recompute style and layout), and the nodes are looked up once.
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }
  function setAttr(node, name, value) { if (node.getAttribute(name) !== value) node.setAttribute(name, value); }
  let pidNodes = null;
  function pidCache() {
    if (pidNodes) return pidNodes;
    const all = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };
    pidNodes = {
      tags: all("#pid-svg [data-tag]"),
      runs: all("#pid-svg [data-run]"),
      safety: all("#pid-svg [data-safety]").map(function (r) {
        const text = document.querySelector('#pid-svg [data-safety-text="' + r.dataset.safety + '"]');
        return { lamp: r, text: text, base: text ? text.textContent.replace(/: .*$/, "") : "" };
      }),
      temps: all("#pid-svg [data-temp]")
    };
    return pidNodes;
  }
  function updatePid() {
    const n = pidCache();
    n.tags.forEach(function (t) {
      const tag = t.dataset.tag, i = index[tag];
      if (i === undefined) { setText(t, t.dataset.prefix + "(not in rig)"); return; }
      const q = last.q[i];
      setText(t, t.dataset.prefix + fmtValue(points[i], last.v[i]) + (q === "G" ? "" : " [" + qualityName(q) + "]"));
      setAttr(t, "class", qualityClass(q));
    });
    n.runs.forEach(function (r) {
      const on = value(r.dataset.run) === 1, fault = r.dataset.fault && value(r.dataset.fault) === 1;
      setAttr(r, "class", "box " + (fault ? "faulted" : on ? (r.dataset.runClass || "running") : "stopped"));
    });
    n.safety.forEach(function (s) {
      const r = s.lamp, tripped = value(r.dataset.safety) === 1, latched = r.dataset.latch && value(r.dataset.latch) === 1;
      setAttr(r, "class", tripped || latched ? "tripped" : "armed");
      if (s.text) {
        setText(s.text, s.base + ": " + (latched ? "LATCHED" : tripped ? "TRIPPED" : "armed"));
        setAttr(s.text, "class", tripped || latched ? "tripped" : "");
      }
    });
    n.temps.forEach(function (r) {
      const v = value(r.dataset.temp);
      if (typeof v !== "number") return;
      const f = Math.max(0, Math.min(1, (v - 10) / 80));   // 10..90 degC blue to red
      setAttr(r, "fill", "rgb(" + Math.round(40 + 200 * f) + ",60," + Math.round(230 - 200 * f) + ")");
    });
  }

  function updateAllPoints() {
    const body = document.querySelector("#all-points tbody");
    if (body.rows.length !== points.length) {
      body.innerHTML = "";
      points.forEach(function (p) {
        const tr = body.insertRow();
        tr.insertCell().textContent = p.tag;
        tr.insertCell();
        tr.insertCell().textContent = p.unit;
        tr.insertCell();
        tr.insertCell().textContent = p.description;
      });
    }
    for (let i = 0; i < points.length; i++) {
      const row = body.rows[i];
      setText(row.cells[1], fmtValue({ unit: "", kind: points[i].kind, tag: points[i].tag, binding: points[i].binding }, last.v[i]));
      setText(row.cells[3], qualityName(last.q[i]));
      if (row.cells[3].className !== qualityClass(last.q[i])) row.cells[3].className = qualityClass(last.q[i]);
    }
  }

  // ---------------------------------------------------------------- events
  function addEvents(list, fresh) {
    const body = document.querySelector("#events tbody");
    list.forEach(function (ev) {
      // one list in plant-time order: a row goes after the last one not later than it (the controller's changes are
      // read from the trace and may arrive after a plant event of the same instant)
      let at = body.rows.length;
      while (at > 0 && Number(body.rows[at - 1].dataset.t) > ev.t) at--;
      const tr = body.insertRow(at);
      tr.dataset.t = ev.t;
      tr.insertCell().textContent = fmtTime(ev.t);
      tr.insertCell().textContent = ev.step;
      tr.insertCell().textContent = ev.source || "plant";
      tr.insertCell().textContent = ev.text;
      tr.className = (fresh ? "new " : "") + "src-" + (ev.source || "plant") + (/ alarm .* raised$/.test(ev.text) ? " alarm-raised" : "");
    });
  }
  function updateController(m) {
    const el = document.getElementById("controller-state");
    if (!m.controllerState && Object.keys(m.controller || {}).length === 0) { setText(el, "not read in this mode"); return; }
    const alarms = m.alarms || [];
    setText(el, (m.controllerState || "state not read") + (alarms.length ? " · alarms " + alarms.join(", ") : " · no alarm"));
    if (el.className !== (alarms.length ? "alarm-active" : "")) el.className = alarms.length ? "alarm-active" : "";
    const box = document.getElementById("controller-columns");
    setText(box, "Controller (as last read over its supervisory link): state " + (m.controllerState || "not read")
      + "; active alarms: " + (alarms.length ? alarms.join(", ") : "none"));
    if (box.className !== (alarms.length ? "alarm-active" : "")) box.className = alarms.length ? "alarm-active" : "";
  }

  // ---------------------------------------------------------------- trends
  function buildTrendList() {
    const box = document.getElementById("trend-points"), filter = document.getElementById("trend-filter").value.toLowerCase();
    box.innerHTML = "";
    points.forEach(function (p) {
      if (p.kind === "constant" || p.binding.indexOf("const") === 0) return;
      if (filter && p.tag.toLowerCase().indexOf(filter) < 0 && p.description.toLowerCase().indexOf(filter) < 0) return;
      const l = document.createElement("label"), c = document.createElement("input");
      c.type = "checkbox"; c.checked = trended.has(p.tag);
      c.addEventListener("change", function () {
        if (c.checked) { trended.add(p.tag); history[p.tag] = history[p.tag] || []; } else { trended.delete(p.tag); delete history[p.tag]; }
        drawTrends();
      });
      l.appendChild(c);
      l.appendChild(document.createTextNode(" " + p.tag + (p.unit ? " [" + p.unit + "]" : "")));
      box.appendChild(l);
    });
  }
  function recordTrends(m) {
    const t = m.t / 1000;
    trended.forEach(function (tag) {
      const h = history[tag], v = m.v[index[tag]];
      if (h.length > 0 && t < h[h.length - 1][0]) h.length = 0;   // a new run: plant time went back to 0
      h.push([t, typeof v === "number" ? v : NaN]);
      // drop what fell out of the longest window in one splice now and then, not one shift (a copy) per message
      if (h.length > 64 && h[63][0] < t - MAX_WINDOW_S) {
        let k = 64;
        while (k < h.length && h[k][0] < t - MAX_WINDOW_S) k++;
        h.splice(0, k);
      }
    });
  }
  function windowS() { return Number(document.getElementById("trend-window").value); }
  // The supply point the requirements' bands are about (the report's plots draw them on it too: JudgedSignals).
  const SUPPLY_TAG = "TT-272";
  let legendKey = "";
  function drawTrends() {
    const c = document.getElementById("trend-canvas"), g = c.getContext("2d");
    g.clearRect(0, 0, c.width, c.height);
    const legendItems = [];
    if (!last) return;
    const t1 = last.t / 1000, t0 = t1 - windowS();
    let lo = Infinity, hi = -Infinity;
    trended.forEach(function (tag) {
      history[tag].forEach(function (s) { if (s[0] >= t0 && isFinite(s[1])) { lo = Math.min(lo, s[1]); hi = Math.max(hi, s[1]); } });
    });
    const L = 60, R = c.width - 10, T = 10, B = c.height - 30;
    g.strokeStyle = "#999"; g.strokeRect(L, T, R - L, B - T);
    g.fillStyle = "#333"; g.font = "11px sans-serif";
    g.fillText("plant time " + fmtTime(t0 * 1000 > 0 ? t0 * 1000 : 0) + " … " + fmtTime(t1 * 1000), L, c.height - 8);
    if (!isFinite(lo)) { setLegend(legendItems); return; }
    // the running scenario's limits, drawn as the report's plots draw them: a *_bar limit on the points in bar, a *_hz
    // limit on the points in Hz, and on the supply (TT-272) the set-point with each *_band_k band around it and a
    // supply_below_setpoint_max_k floor under it (JudgedSignals); the value axis widened so each is in view
    const units = new Set(Array.from(trended).map(function (tag) { return points[index[tag]].unit; }));
    const lines = scenarioLimits.filter(function (l) { return units.has(l.unit); });
    lines.forEach(function (l) { lo = Math.min(lo, l.value); hi = Math.max(hi, l.value); });
    // set-point segments in the window: [from s, to s, degC]
    const supply = trended.has(SUPPLY_TAG), segments = [];
    if (supply) {
      scenarioSetpoints.forEach(function (sp, i) {
        const from = Math.max(t0, sp.t / 1000), to = i + 1 < scenarioSetpoints.length ? Math.min(t1, scenarioSetpoints[i + 1].t / 1000) : t1;
        if (to > from && sp.t / 1000 <= t1) segments.push([from, to, sp.degC]);
      });
      segments.forEach(function (sg) {
        supplyBands.forEach(function (b) {
          lo = Math.min(lo, sg[2] - b.k); hi = Math.max(hi, b.floor ? sg[2] : sg[2] + b.k);
        });
        lo = Math.min(lo, sg[2]); hi = Math.max(hi, sg[2]);
      });
    }
    if (hi === lo) { hi += 1; lo -= 1; }
    const X = function (t) { return L + (t - t0) / (t1 - t0) * (R - L); }, Y = function (v) { return B - (v - lo) / (hi - lo) * (B - T); };
    g.fillText(hi.toPrecision(4), 4, T + 10);
    g.fillText(lo.toPrecision(4), 4, B);
    if (segments.length) {
      // bands first, under the curves: widest first so the narrow ones show darker inside
      supplyBands.filter(function (b) { return !b.floor; }).sort(function (a, b) { return b.k - a.k; }).forEach(function (b) {
        g.fillStyle = "rgba(46,125,50,0.12)";
        segments.forEach(function (sg) { g.fillRect(X(sg[0]), Y(sg[2] + b.k), X(sg[1]) - X(sg[0]), Y(sg[2] - b.k) - Y(sg[2] + b.k)); });
      });
      g.setLineDash([2, 3]); g.strokeStyle = "#2e7d32"; g.beginPath();
      segments.forEach(function (sg) { g.moveTo(X(sg[0]), Y(sg[2])); g.lineTo(X(sg[1]), Y(sg[2])); });
      g.stroke();
      g.setLineDash([6, 4]); g.strokeStyle = "#c62828"; g.beginPath();
      supplyBands.filter(function (b) { return b.floor; }).forEach(function (b) {
        segments.forEach(function (sg) { g.moveTo(X(sg[0]), Y(sg[2] - b.k)); g.lineTo(X(sg[1]), Y(sg[2] - b.k)); });
      });
      g.stroke(); g.setLineDash([]);
      const sp = segments[segments.length - 1][2];
      g.fillStyle = "#2e7d32"; g.fillText("setpoint " + sp + " °C", L + 4, Y(sp) - 3);
    }
    let k = 0;
    trended.forEach(function (tag) {
      const col = colours[k++ % colours.length];
      g.strokeStyle = col; g.beginPath();
      // at most one vertical segment per pixel column (its min and max), joined to the next: the eye sees the same
      // envelope as every sample drawn, and an hour at 5 messages a second is 900 columns instead of 18,000 segments
      let started = false, col0 = -1, yMin = 0, yMax = 0, yLast = 0;
      function flush() {
        if (col0 < 0) return;
        if (started) g.lineTo(col0, yMin); else g.moveTo(col0, yMin);
        if (yMax !== yMin) g.lineTo(col0, yMax);
        if (yLast !== yMax) g.lineTo(col0, yLast);
        started = true;
      }
      history[tag].forEach(function (s) {
        if (s[0] < t0 || !isFinite(s[1])) { flush(); col0 = -1; started = false; return; }
        const x = Math.round(X(s[0])), y = Y(s[1]);
        if (x !== col0) { flush(); col0 = x; yMin = yMax = yLast = y; return; }
        if (y < yMin) yMin = y;
        if (y > yMax) yMax = y;
        yLast = y;
      });
      flush();
      g.stroke();
      legendItems.push({ colour: col, text: tag + (points[index[tag]].unit ? " [" + points[index[tag]].unit + "]" : "") });
    });
    g.setLineDash([6, 4]);
    lines.forEach(function (l) {
      const y = Y(l.value);
      g.strokeStyle = "#c62828"; g.beginPath(); g.moveTo(L, y); g.lineTo(R, y); g.stroke();
      g.fillStyle = "#c62828"; g.fillText(l.label, L + 4, y - 3);
    });
    g.setLineDash([]);
    const labels = lines.map(function (l) { return l.label; });
    if (segments.length) supplyBands.forEach(function (b) { labels.push(b.label); });
    if (labels.length) legendItems.push({ className: "trend-limits", text: "limits of the running scenario: " + labels.join("; ") });
    if (!supply && supplyBands.length) legendItems.push({ className: "trend-limits", text: "the scenario judges the supply against a band: trend " + SUPPLY_TAG + " to see it" });
    setLegend(legendItems);
  }
  // the legend is rebuilt only when what it says changes (not on every redraw)
  function setLegend(items) {
    const key = JSON.stringify(items);
    if (key === legendKey) return;
    legendKey = key;
    const legend = document.getElementById("trend-legend");
    legend.innerHTML = "";
    items.forEach(function (it) {
      const span = document.createElement("span");
      if (it.colour) span.style.color = it.colour;
      if (it.className) span.className = it.className;
      span.textContent = it.text;
      legend.appendChild(span);
    });
  }
  // the running scenario's limits (bench run): lines [{value, unit, label}], supply bands [{k, floor, label}] and the
  // set-points [{t, degC}] they are drawn around, refreshed every 2 s while the trends page shows
  let scenarioLimits = [], supplyBands = [], scenarioSetpoints = [];
  function refreshLimits() {
    if ((location.hash || "#pid") !== "#trends") return;
    fetch("/api/run").then(function (r) { return r.json(); }).then(function (run) {
      const out = [], bands = [];
      (run.assertions || []).forEach(function (a) {
        Object.keys(a.limits).forEach(function (k) {
          const unit = /_bar$/.test(k) ? "bar" : /_hz$/.test(k) ? "Hz" : null;
          if (unit) out.push({ value: a.limits[k], unit: unit, label: a.id + " " + k + " = " + a.limits[k] + " " + unit });
          if (/_band_k$/.test(k)) bands.push({ k: a.limits[k], floor: false, label: a.id + " " + k + " = ±" + a.limits[k] + " K" });
          if (k === "supply_below_setpoint_max_k") bands.push({ k: a.limits[k], floor: true, label: a.id + " " + k + " = setpoint − " + a.limits[k] + " K" });
        });
      });
      scenarioLimits = out;
      supplyBands = bands;
      scenarioSetpoints = run.setpoints || [];
    });
  }
  setInterval(refreshLimits, 2000);
  window.addEventListener("hashchange", refreshLimits);
  function exportCsv() {
    if (!last) return;
    const tags = Array.from(trended), t0 = last.t / 1000 - windowS();
    const times = new Set();
    tags.forEach(function (tag) { history[tag].forEach(function (s) { if (s[0] >= t0) times.add(s[0]); }); });
    const rows = ["plantTimeS," + tags.map(function (t) { return t + (points[index[t]].unit ? " [" + points[index[t]].unit + "]" : ""); }).join(",")];
    const byTag = tags.map(function (tag) { const m = new Map(); history[tag].forEach(function (s) { m.set(s[0], s[1]); }); return m; });
    Array.from(times).sort(function (a, b) { return a - b; }).forEach(function (t) {
      rows.push(t.toFixed(1) + "," + byTag.map(function (m) { const v = m.get(t); return v === undefined || !isFinite(v) ? "" : v; }).join(","));
    });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([rows.join("\n") + "\n"], { type: "text/csv" }));
    a.download = "trend-" + Math.round(last.t / 1000) + "s.csv";
    document.body.appendChild(a); a.click(); a.remove();
  }

  // ---------------------------------------------------------------- faults
  function post(params) {
    const token = document.getElementById("token").value.trim();
    sessionStorage.setItem("bench-token", token);
    return fetch("/api/faults", { method: "POST", headers: { "X-Bench-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString() })
      .then(function (r) { return r.text().then(function (t) { document.getElementById("fault-result").textContent = r.status + " " + t; refreshFaults(); }); });
  }
  function refreshFaults() {
    fetch("/api/faults").then(function (r) { return r.ok ? r.json() : null; }).then(function (f) {
      document.getElementById("faults-on").classList.toggle("hidden", !f);
      document.getElementById("faults-off").classList.toggle("hidden", !!f);
      if (!f) return;
      const ul = document.getElementById("sf-active");
      ul.innerHTML = "";
      f.sensor.forEach(function (s) {
        const li = document.createElement("li"), b = document.createElement("button");
        li.textContent = "#" + s.id + " " + s.text + " ";
        b.textContent = "Clear";
        b.addEventListener("click", function () { post({ action: "clear", type: "sensor", id: s.id }); });
        li.appendChild(b); ul.appendChild(li);
      });
    });
  }
  function wireFaults() {
    document.getElementById("token").value = sessionStorage.getItem("bench-token") || "";
    document.getElementById("sf-inject").addEventListener("click", function () {
      post({ action: "inject", type: "sensor", tag: document.getElementById("sf-tag").value, kind: document.getElementById("sf-kind").value,
        value: document.getElementById("sf-value").value });
    });
    document.getElementById("lf-inject").addEventListener("click", function () {
      post({ action: "inject", type: "link", protocol: document.getElementById("lf-protocol").value, kind: document.getElementById("lf-kind").value,
        delay_ms: document.getElementById("lf-delay").value });
    });
    document.getElementById("lf-clear").addEventListener("click", function () {
      post({ action: "clear", type: "link", protocol: document.getElementById("lf-protocol").value });
    });
    document.getElementById("in-set").addEventListener("click", function () {
      post({ action: "inject", type: "input", input: document.getElementById("in-name").value, value: document.getElementById("in-value").value });
    });
    document.getElementById("reset-trips").addEventListener("click", function () { post({ action: "reset" }); });
    const dl = document.getElementById("sensor-tags");
    points.forEach(function (p) { if (p.binding.indexOf("plant.") === 0) { const o = document.createElement("option"); o.value = p.tag; dl.appendChild(o); } });
    refreshFaults();
  }

  // ---------------------------------------------------------------- run view (bench run)
  function refreshRun() {
    if ((location.hash || "#pid") !== "#run") return;
    fetch("/api/run").then(function (r) { return r.json(); }).then(function (run) {
      const some = run.planned.length > 0;
      document.getElementById("run-none").classList.toggle("hidden", some);
      document.getElementById("run-some").classList.toggle("hidden", !some);
      if (!some) return;
      document.getElementById("run-current").textContent = run.current || "(none now)";
      document.getElementById("run-plant").textContent = fmtTime(run.plantTimeMs);
      document.getElementById("run-wall").textContent = run.currentWallS.toFixed(1) + " s";
      document.getElementById("run-ratio").textContent = run.current && run.currentWallS > 0
        ? "· " + (run.plantTimeMs / 1000 / run.currentWallS).toFixed(1) + "× real time" : "";
      drawRunNow(run);
      const done = {};
      run.finished.forEach(function (f) { done[f.name] = f; });
      const body = document.querySelector("#run-plan tbody");
      body.innerHTML = "";
      run.planned.forEach(function (name, i) {
        const f = done[name], tr = body.insertRow();
        if (name === run.current) tr.className = "current";
        tr.insertCell().textContent = i + 1;
        tr.insertCell().textContent = (f && f.requirement ? f.requirement + " " : "") + name;
        const o = tr.insertCell();
        o.textContent = f ? f.outcome : name === run.current ? "running" : "planned";
        o.className = f ? "outcome-" + f.outcome : "";
        tr.insertCell().textContent = f ? (f.plantMs / 60000).toFixed(1) : "";
        tr.insertCell().textContent = f ? (f.wallMs / 1000).toFixed(1) : "";
        tr.insertCell().textContent = f ? f.verdicts.join("; ") : "";
      });
    });
  }
  function drawRunNow(run) {
    document.getElementById("run-feature").textContent = run.feature || "(no scenario running)";
    const ol = document.getElementById("run-steps");
    ol.innerHTML = "";
    run.steps.forEach(function (st, i) {
      const li = document.createElement("li");
      li.textContent = st.keyword + " " + st.text;
      li.title = "line " + st.line + ": " + st.status;
      li.className = "step-" + st.status + (i === run.currentStep && st.status === "running" ? " step-current" : "");
      ol.appendChild(li);
    });
    // after its last step a scenario runs the plant on to the end of its assertion windows, then is judged: say so
    const stepping = run.steps.some(function (st) { return st.status === "running" || st.status === "pending"; });
    const lastEnd = run.assertions.reduce(function (m, a) { return Math.max(m, a.windowEndMs); }, 0);
    setText(document.getElementById("run-phase"), run.current && !stepping && run.steps.length
      ? "every step done: the plant runs on to the end of the last assertion window (plant time " + fmtTime(run.plantTimeMs)
        + " of " + fmtTime(lastEnd) + "), then the assertions are judged" : "");
    // verdicts of the running scenario come when it is judged (at its end); a finished one's are in the plan below
    // (the steps and assertions shown stay those of the last scenario once it has finished: its verdicts then)
    const judged = {}, shown = run.current || (run.finished.length ? run.finished[run.finished.length - 1].name : null);
    run.finished.forEach(function (f) { if (f.name === shown) f.verdicts.forEach(function (v) { judged[v.split(":")[0]] = v; }); });
    const body = document.querySelector("#run-assertions tbody");
    body.innerHTML = "";
    run.assertions.forEach(function (a) {
      const tr = body.insertRow();
      tr.insertCell().textContent = a.id;
      tr.insertCell().textContent = Object.keys(a.limits).map(function (k) { return k + " " + a.limits[k]; }).join(", ");
      tr.insertCell().textContent = fmtTime(a.windowEndMs);
      const v = tr.insertCell();
      v.textContent = judged[a.id] || "judged at the end of the scenario";
    });
    const box = document.getElementById("run-lateness"), h = run.lateness;
    box.innerHTML = "";
    document.getElementById("run-lateness-note").textContent = h.steps === 0
      ? "(no deadlines: " + run.pace + ")" : "(last " + h.steps + " steps, " + run.pace + ")";
    if (h.steps === 0) return;
    const max = Math.max.apply(null, h.counts);
    h.counts.forEach(function (c, i) {
      const row = document.createElement("div"), label = document.createElement("span"), bar = document.createElement("span");
      label.textContent = (i < h.binsMs.length ? "≤ " + h.binsMs[i] : "> " + h.binsMs[h.binsMs.length - 1]) + " ms";
      label.className = "hist-label";
      bar.className = "hist-bar";
      bar.style.width = (max > 0 ? Math.max(c > 0 ? 1 : 0, Math.round(300 * c / max)) : 0) + "px";
      row.appendChild(label); row.appendChild(bar); row.appendChild(document.createTextNode(" " + c));
      box.appendChild(row);
    });
  }
  setInterval(refreshRun, 1000);
  window.addEventListener("hashchange", refreshRun);

  // ---------------------------------------------------------------- the stream
  // A message carries every value ("v", "q") when this page needs them all (its first, or after it missed one), else
  // only those that changed ("d": index -> value; "q" when a quality changed). Messages update the model at once;
  // the page is drawn at most once per animation frame (none while the tab is hidden), and the trends at most
  // every TREND_MS of wall time: a 1 to 60 min window moves less than a pixel between messages.
  const TREND_MS = 500;
  let frameAsked = false, lastTrendDraw = 0, lastPage = "";
  function merge(m) {
    if (m.v) return m;
    const v = last ? last.v.slice() : [];
    for (const k in m.d) v[k] = m.d[k];
    m.v = v;
    if (m.q === undefined) m.q = last ? last.q : "";
    return m;
  }
  function onMessage(e) {
    const m = merge(JSON.parse(e.data));
    if (last && m.t < last.t) { document.querySelector("#events tbody").innerHTML = ""; }   // a new run
    last = m;
    if (m.events.length) addEvents(m.events, true);
    recordTrends(m);
    if (!frameAsked) { frameAsked = true; requestAnimationFrame(draw); }
  }
  function draw(now) {
    frameAsked = false;
    const m = last;
    setText(document.getElementById("plant-time"), fmtTime(m.t));
    setText(document.getElementById("step"), String(m.step));
    setText(document.getElementById("status"), m.status.toLowerCase());
    setText(document.getElementById("pace"), m.pace);
    setText(document.getElementById("lateness"), m.latenessP99Ms === null ? ""
      : "· lateness p99 " + m.latenessP99Ms.toFixed(3) + " ms, max " + m.latenessMaxMs.toFixed(3) + " ms (last 1000 steps)");
    const wd = document.getElementById("watchdog");
    if (wd.classList.contains("hidden") === m.watchdog) wd.classList.toggle("hidden", !m.watchdog);
    updateController(m);
    const page = (location.hash || "#pid").substring(1);
    if (page === "pid") updatePid();
    else if (page === "points") updateAllPoints();
    else if (page === "trends" && (page !== lastPage || now - lastTrendDraw >= TREND_MS)) { lastTrendDraw = now; drawTrends(); }
    lastPage = page;
  }

  function start() {
    showPage();
    PID.draw(document.getElementById("pid"));
    document.getElementById("trend-filter").addEventListener("input", buildTrendList);
    document.getElementById("trend-window").addEventListener("change", drawTrends);
    document.getElementById("trend-csv").addEventListener("click", exportCsv);
    fetch("/api/info").then(function (r) { return r.json(); }).then(function (info) {
      document.getElementById("title").textContent = "HIL bench console · " + info.rig + (info.site ? " · " + info.site : "")
        + " · " + info.modbus + " · " + info.opcua;
    });
    fetch("/api/points").then(function (r) { return r.json(); }).then(function (p) {
      points = p;
      p.forEach(function (pt, i) { index[pt.tag] = i; });
      buildTrendList();
      wireFaults();
      return fetch("/api/events");
    }).then(function (r) { return r.json(); }).then(function (evs) {
      addEvents(evs, false);
      const es = new EventSource("/api/stream");
      // the first message may repeat events the list already holds (recorded between the two calls): drop those
      const lastStep = evs.length ? evs[evs.length - 1].step : -1;
      const atLast = new Set(evs.filter(function (ev) { return ev.step === lastStep; }).map(function (ev) { return ev.text; }));
      let first = true;
      es.onmessage = function (e) {
        if (first) {
          first = false;
          const m = JSON.parse(e.data);
          m.events = m.events.filter(function (ev) { return ev.step > lastStep || (ev.step === lastStep && !atLast.has(ev.text)); });
          onMessage({ data: JSON.stringify(m) });
          return;
        }
        onMessage(e);
      };
      es.onerror = function () { document.getElementById("status").textContent = "disconnected (retrying)"; };
    });
  }
  start();
})();
