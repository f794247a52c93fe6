// The live console: one EventSource on /api/stream (a message every 100 ms of wall time, plant time on each),
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

  function updatePid() {
    document.querySelectorAll("#pid-svg [data-tag]").forEach(function (t) {
      const tag = t.dataset.tag, i = index[tag];
      if (i === undefined) { t.textContent = t.dataset.prefix + "(not in rig)"; return; }
      const q = last.q[i];
      t.textContent = t.dataset.prefix + fmtValue(points[i], last.v[i]) + (q === "G" ? "" : " [" + qualityName(q) + "]");
      t.setAttribute("class", qualityClass(q));
    });
    document.querySelectorAll("#pid-svg [data-run]").forEach(function (r) {
      const on = value(r.dataset.run) === 1, fault = r.dataset.fault && value(r.dataset.fault) === 1;
      r.setAttribute("class", "box " + (fault ? "faulted" : on ? (r.dataset.runClass || "running") : "stopped"));
    });
    document.querySelectorAll("#pid-svg [data-safety]").forEach(function (r) {
      const tripped = value(r.dataset.safety) === 1, latched = r.dataset.latch && value(r.dataset.latch) === 1;
      r.setAttribute("class", tripped || latched ? "tripped" : "armed");
      const text = document.querySelector('#pid-svg [data-safety-text="' + r.dataset.safety + '"]');
      if (text) {
        const base = text.textContent.replace(/: .*$/, "");
        text.textContent = base + ": " + (latched ? "LATCHED" : tripped ? "TRIPPED" : "armed");
        text.setAttribute("class", tripped || latched ? "tripped" : "");
      }
    });
    document.querySelectorAll("#pid-svg [data-temp]").forEach(function (r) {
      const v = value(r.dataset.temp);
      if (typeof v !== "number") return;
      const f = Math.max(0, Math.min(1, (v - 10) / 80));   // 10..90 degC blue to red
      r.setAttribute("fill", "rgb(" + Math.round(40 + 200 * f) + ",60," + Math.round(230 - 200 * f) + ")");
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
      row.cells[1].textContent = fmtValue({ unit: "", kind: points[i].kind, tag: points[i].tag, binding: points[i].binding }, last.v[i]);
      row.cells[3].textContent = qualityName(last.q[i]);
      row.cells[3].className = qualityClass(last.q[i]);
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
    if (!m.controllerState && Object.keys(m.controller || {}).length === 0) { el.textContent = "not read in this mode"; return; }
    const alarms = m.alarms || [];
    el.textContent = (m.controllerState || "state not read") + (alarms.length ? " · alarms " + alarms.join(", ") : " · no alarm");
    el.className = alarms.length ? "alarm-active" : "";
    const box = document.getElementById("controller-columns");
    box.textContent = "Controller (as last read over its supervisory link): state " + (m.controllerState || "not read")
      + "; active alarms: " + (alarms.length ? alarms.join(", ") : "none");
    box.className = alarms.length ? "alarm-active" : "";
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
      while (h.length > 0 && h[0][0] < t - MAX_WINDOW_S) h.shift();
    });
  }
  function windowS() { return Number(document.getElementById("trend-window").value); }
  function drawTrends() {
    const c = document.getElementById("trend-canvas"), g = c.getContext("2d");
    g.clearRect(0, 0, c.width, c.height);
    const legend = document.getElementById("trend-legend");
    legend.innerHTML = "";
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
    if (!isFinite(lo)) return;
    // the running scenario's limits, drawn as the report's plots draw them: a *_bar limit on the points in bar, a *_hz
    // limit on the points in Hz (JudgedSignals); the value axis widened so each is in view
    const units = new Set(Array.from(trended).map(function (tag) { return points[index[tag]].unit; }));
    const lines = scenarioLimits.filter(function (l) { return units.has(l.unit); });
    lines.forEach(function (l) { lo = Math.min(lo, l.value); hi = Math.max(hi, l.value); });
    if (hi === lo) { hi += 1; lo -= 1; }
    g.fillText(hi.toPrecision(4), 4, T + 10);
    g.fillText(lo.toPrecision(4), 4, B);
    let k = 0;
    trended.forEach(function (tag) {
      const col = colours[k++ % colours.length];
      g.strokeStyle = col; g.beginPath();
      let started = false;
      history[tag].forEach(function (s) {
        if (s[0] < t0 || !isFinite(s[1])) { started = false; return; }
        const x = L + (s[0] - t0) / (t1 - t0) * (R - L), y = B - (s[1] - lo) / (hi - lo) * (B - T);
        if (started) g.lineTo(x, y); else g.moveTo(x, y);
        started = true;
      });
      g.stroke();
      const span = document.createElement("span");
      span.style.color = col;
      span.textContent = tag + (points[index[tag]].unit ? " [" + points[index[tag]].unit + "]" : "");
      legend.appendChild(span);
    });
    g.setLineDash([6, 4]);
    lines.forEach(function (l) {
      const y = B - (l.value - lo) / (hi - lo) * (B - T);
      g.strokeStyle = "#c62828"; g.beginPath(); g.moveTo(L, y); g.lineTo(R, y); g.stroke();
      g.fillStyle = "#c62828"; g.fillText(l.label, L + 4, y - 3);
    });
    g.setLineDash([]);
    const lim = document.createElement("span");
    lim.className = "trend-limits";
    lim.textContent = lines.length ? "limits of the running scenario: " + lines.map(function (l) { return l.label; }).join("; ")
      : scenarioLimits.length ? "" : "";
    legend.appendChild(lim);
  }
  // the running scenario's limits (bench run): [{value, unit, label}], refreshed every 2 s while the trends page shows
  let scenarioLimits = [];
  function refreshLimits() {
    if ((location.hash || "#pid") !== "#trends") return;
    fetch("/api/run").then(function (r) { return r.json(); }).then(function (run) {
      const out = [];
      (run.assertions || []).forEach(function (a) {
        Object.keys(a.limits).forEach(function (k) {
          const unit = /_bar$/.test(k) ? "bar" : /_hz$/.test(k) ? "Hz" : null;
          if (unit) out.push({ value: a.limits[k], unit: unit, label: a.id + " " + k + " = " + a.limits[k] + " " + unit });
        });
      });
      scenarioLimits = out;
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
    // verdicts of the running scenario come when it is judged (at its end); a finished one's are in the plan below
    const judged = {};
    run.finished.forEach(function (f) { if (f.name === run.current) f.verdicts.forEach(function (v) { judged[v.split(":")[0]] = v; }); });
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
  function onMessage(e) {
    const m = JSON.parse(e.data);
    if (last && m.t < last.t) { document.querySelector("#events tbody").innerHTML = ""; }   // a new run
    last = m;
    document.getElementById("plant-time").textContent = fmtTime(m.t);
    document.getElementById("step").textContent = m.step;
    document.getElementById("status").textContent = m.status.toLowerCase();
    document.getElementById("pace").textContent = m.pace;
    document.getElementById("lateness").textContent = m.latenessP99Ms === null ? ""
      : "· lateness p99 " + m.latenessP99Ms.toFixed(3) + " ms, max " + m.latenessMaxMs.toFixed(3) + " ms (last 1000 steps)";
    document.getElementById("watchdog").classList.toggle("hidden", !m.watchdog);
    updateController(m);
    addEvents(m.events, true);
    recordTrends(m);
    const page = (location.hash || "#pid").substring(1);
    if (page === "pid") updatePid();
    else if (page === "points") updateAllPoints();
    else if (page === "trends") drawTrends();
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
