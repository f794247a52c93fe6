// The P&ID of the Solrød heat pump and its plant, drawn as SVG from the layout below (no library).
// Elements carry data attributes the live loop in console.js fills:
//   data-tag="PT-202"     a text showing the point's value, unit and quality
//   data-run="C-211.Running" data-fault="C-211.Fault"   a box coloured running / stopped / faulted
//   data-safety="PSHH-202" data-latch="PSLL-201.Latched" a safety-chain lamp: armed, tripped, latched
"use strict";
const PID = (function () {
  const NS = "http://www.w3.org/2000/svg";
  let svg;
  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  }
  function box(x, y, w, h, label, extra) {
    el("rect", Object.assign({ x, y, width: w, height: h, rx: 4, class: "box" }, extra || {}));
    el("text", { x: x + 4, y: y + 14, class: "label" }, label);
  }
  function val(x, y, tag, prefix) {
    el("text", { x, y, "data-tag": tag, "data-prefix": prefix || (tag + " ") }, tag + " –");
  }
  function pipe(d, cls) { el("path", { d, class: cls }); }

  function draw(container) {
    svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", "0 0 1240 720");
    svg.setAttribute("width", "1240");
    svg.setAttribute("id", "pid-svg");
    container.appendChild(svg);

    // refrigerant circuit: compressors -> gas cooler -> HV-221 -> receiver -> HV-222 -> evaporators -> suction
    pipe("M 250 150 L 430 150", "pipe-co2");
    pipe("M 650 150 L 700 150 L 700 300", "pipe-co2");
    pipe("M 700 360 L 700 420 L 560 420", "pipe-co2");
    pipe("M 460 420 L 400 420 L 400 500", "pipe-co2");
    pipe("M 120 640 L 40 640 L 40 150 L 60 150", "pipe-suction");
    for (let i = 0; i < 4; i++) {
      const y = 70 + i * 60;
      box(60, y, 190, 50, "C-21" + (i + 1), { "data-run": "C-21" + (i + 1) + ".Running", "data-fault": "C-21" + (i + 1) + ".Fault" });
      val(70, y + 30, "C-21" + (i + 1) + ".Speed", "speed ");
      val(160, y + 30, "C-21" + (i + 1) + ".SpeedSet", "set ");
      val(70, y + 44, "C-21" + (i + 1) + ".Enable", "enable ");
    }
    val(60, 330, "PT-201", "PT-201 suction ");
    val(60, 345, "TT-201", "TT-201 suction ");
    val(60, 360, "TT-203", "TT-203 ");
    val(60, 375, "FT-200", "FT-200 CO2 ");
    val(60, 390, "JT-210", "JT-210 power ");
    val(60, 405, "HP-200.Cop", "COP ");

    // gas cooler and its DH water side
    box(430, 100, 220, 110, "Gas cooler E-220");
    val(440, 130, "PT-202", "PT-202 ");
    val(440, 145, "TT-202", "TT-202 ");
    val(440, 160, "HP-200.GasCoolerHeat", "heat ");
    val(440, 200, "TT-271", "water in TT-271 ");
    pipe("M 540 40 L 540 100", "pipe-water");
    pipe("M 600 100 L 600 40", "pipe-water");
    val(440, 30, "TT-272", "water out TT-272 ");
    val(640, 30, "FT-271", "FT-271 ");
    val(640, 45, "JT-271", "JT-271 ");

    // high-pressure valve, receiver, flash valve
    box(660, 300, 100, 60, "HV-221");
    val(668, 330, "HV-221.Opening", "");
    val(668, 348, "HV-221.OpeningSet", "set ");
    box(460, 395, 100, 50, "Receiver");
    val(468, 428, "PT-204", "PT-204 ");
    box(350, 300, 100, 60, "HV-222");
    val(358, 330, "HV-222.Opening", "");
    val(358, 348, "HV-222.OpeningSet", "set ");
    pipe("M 400 360 L 400 395", "pipe-co2");

    // four air-evaporator sections
    for (let i = 0; i < 4; i++) {
      const x = 60 + i * 190, y = 500, n = i + 1;
      box(x, y, 180, 120, "E-23" + n + " air section " + n, { "data-run": "E-23" + n + ".Defrosting", "data-run-class": "faulted" });
      val(x + 6, y + 32, "F-25" + n + ".SpeedSet", "fan ");
      val(x + 6, y + 47, "TT-23" + n, "TT-23" + n + " ");
      val(x + 6, y + 62, "E-23" + n + ".FrostMass", "frost ");
      val(x + 6, y + 77, "E-23" + n + ".CapacityShare", "capacity ");
      val(x + 6, y + 92, "E-23" + n + ".Defrosting", "defrosting ");
      val(x + 6, y + 107, "XV-23" + n + ".Open", "valve ");
      pipe("M " + (x + 90) + " 620 L " + (x + 90) + " 640", "pipe-suction");
    }
    pipe("M 150 640 L 790 640", "pipe-suction");

    // water evaporator with the tank as its source
    box(830, 500, 180, 120, "Water evaporator E-261");
    val(836, 532, "XV-261.Open", "valve ");
    val(836, 547, "P-261.Running", "P-261 ");
    val(836, 562, "TT-261", "TT-261 ");
    val(836, 577, "TT-262", "TT-262 ");
    val(836, 592, "FT-261", "FT-261 ");
    val(836, 607, "JT-261", "JT-261 ");
    pipe("M 830 640 L 790 640", "pipe-suction");
    pipe("M 1010 560 L 1060 560", "pipe-water");

    // stratified tank T-300: six instruments, coloured by temperature
    box(1060, 200, 150, 330, "Tank T-300");
    for (let k = 0; k < 6; k++) {
      el("rect", { x: 1070, y: 225 + k * 48, width: 30, height: 44, "data-temp": "TT-30" + (k + 1), fill: "#ddd" });
      val(1105, 250 + k * 48, "TT-30" + (k + 1), "TT-30" + (k + 1) + " ");
    }
    val(1070, 525, "T-300.StoredEnergy", "");

    // DH pump and flow switch, solar loop
    box(800, 80, 200, 90, "DH pump P-271", { "data-run": "P-271.Running" });
    val(810, 110, "P-271.SpeedSet", "speed set ");
    val(810, 125, "P-271.Run", "run ");
    val(810, 140, "FSL-271", "FSL-271 flow low ");
    pipe("M 650 55 L 800 55 L 800 80", "pipe-water");
    pipe("M 1000 125 L 1135 125 L 1135 200", "pipe-water");
    box(800, 220, 200, 100, "Solar loop P-401", { "data-run": "P-401.Running" });
    val(810, 250, "TT-401", "TT-401 ");
    val(810, 265, "TT-402", "TT-402 ");
    val(810, 280, "FT-401", "FT-401 ");
    val(810, 295, "JT-401", "JT-401 ");
    val(810, 310, "TSHH-401", "stagnation ");
    pipe("M 1000 270 L 1060 270", "pipe-water");
    val(800, 350, "TT-101", "ambient TT-101 ");
    val(800, 365, "RT-101", "irradiance RT-101 ");
    val(800, 380, "TT-501", "network TT-501 ");
    val(800, 395, "JT-501", "network JT-501 ");

    // safety chain
    box(1030, 560, 200, 150, "Safety chain");
    const chain = [["PSHH-202", "HP switch (manual reset)", "PSHH-202"], ["PSLL-201", "LP switch", "PSLL-201.Latched"],
      ["TSHH-202", "discharge temp", null], ["FSL-271", "DH flow low", null], ["PSV-202", "relief valve", null],
      ["BENCH.WatchdogTripped", "I/O watchdog", null]];
    chain.forEach(function (c, k) {
      const y = 580 + k * 20;
      const attrs = { x: 1036, y: y - 10, width: 14, height: 14, rx: 7, "data-safety": c[0], class: "armed" };
      if (c[2]) attrs["data-latch"] = c[2];
      el("rect", attrs);
      el("text", { x: 1056, y: y + 1, "data-safety-text": c[0] }, c[0] + " " + c[1]);
    });
    val(1036, 708, "UA-200.TripReason", "trip reason ");
    return svg;
  }
  return { draw };
})();
