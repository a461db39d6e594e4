// alereview's map viewers (alereview/report/viewer.py writes the page they run in).
// NiiVue's bundle is embedded gzip-compressed and base64-encoded (#alereview-niivue); the MNI
// template (#alereview-template) and each viewer's maps are base64 NIfTI (.nii.gz) in a JSON
// block inside the viewer. Nothing is fetched: the page works offline.
(function () {
  "use strict";
  window.alereviewViewers = {};
  window.alereviewViewerErrors = [];

  function bytes(base64) {
    var text = atob(base64.trim()), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }

  async function loadNiivue() {
    if (window.niivue) return window.niivue;
    var packed = bytes(document.getElementById("alereview-niivue").textContent);
    var stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
    var script = document.createElement("script");
    script.textContent = await new Response(stream).text();
    document.head.appendChild(script);
    return window.niivue;
  }

  function format(value) {
    if (value === undefined || value === null || isNaN(value)) return "–";
    var a = Math.abs(value);
    return a === 0 ? "0" : a < 1e-3 ? value.toExponential(3) : a < 1 ? value.toPrecision(4) : value.toFixed(3);
  }

  function readout(cfg, data) {
    var mm = data.mm || [0, 0, 0];
    var text = "MNI x = " + Math.round(mm[0]) + ", y = " + Math.round(mm[1]) + ", z = " + Math.round(mm[2]) + " mm";
    (data.values || []).slice(1).forEach(function (layer, i) {
      var label = (cfg.layers[i] || {}).label;
      if (label) text += " · " + label + " " + format(layer.value);
    });
    return text;
  }

  function goTo(nv, mm) {
    nv.scene.crosshairPos = nv.mm2frac(mm);
    nv.createOnLocationChange();
    nv.drawScene();
  }

  async function start(niivue, template, element) {
    var cfg = JSON.parse(element.querySelector("script.alereview-viewer-data").textContent);
    var status = element.querySelector(".nv-status");
    var nv = new niivue.Niivue({
      backColor: [1, 1, 1, 1], crosshairColor: [0.1, 0.6, 0.1, 1], show3Dcrosshair: true,
      isColorbar: true, isResizeCanvas: true, dragAndDropEnabled: false, loadingText: "loading",
    });
    nv.onLocationChange = function (data) { status.textContent = readout(cfg, data); };
    await nv.attachToCanvas(element.querySelector("canvas"));
    var volumes = [{name: "mni152.nii.gz", buffer: template.slice().buffer, colormap: "gray", colorbarVisible: false}];
    cfg.layers.forEach(function (layer) {
      volumes.push({name: layer.name + ".nii.gz", buffer: bytes(layer.data).buffer, colormap: layer.colormap,
                    colormapNegative: layer.colormapNegative || "", cal_min: layer.cal_min, cal_max: layer.cal_max,
                    opacity: layer.opacity, colorbarVisible: layer.opacity > 0});
    });
    for (var i = 0; i < volumes.length; i++) {
      var options = volumes[i];
      options.url = options.name;
      nv.addVolume(await niivue.NVImage.loadFromUrl(options));
    }
    nv.setSliceType(nv.sliceTypeMultiplanar);
    element.querySelectorAll("tr[data-mm]").forEach(function (row) {
      row.addEventListener("click", function () {
        element.querySelectorAll("tr.nv-current").forEach(function (r) { r.classList.remove("nv-current"); });
        row.classList.add("nv-current");
        goTo(nv, JSON.parse(row.dataset.mm));
      });
    });
    if (cfg.start) goTo(nv, cfg.start);
    window.alereviewViewers[element.id] = nv;
    element.dataset.ready = "1";
  }

  async function main() {
    var elements = document.querySelectorAll(".nv-viewer");
    if (!elements.length) return;
    try {
      var niivue = await loadNiivue();
      var template = bytes(document.getElementById("alereview-template").textContent);
    } catch (error) {
      window.alereviewViewerErrors.push(String(error));
      return;
    }
    for (var i = 0; i < elements.length; i++) {
      try {
        await start(niivue, template, elements[i]);
      } catch (error) {
        window.alereviewViewerErrors.push(elements[i].id + ": " + error);
        elements[i].querySelector(".nv-status").textContent =
          "The viewer could not start in this browser (it needs WebGL 2): " + error;
      }
    }
    document.body.dataset.viewersReady = "1";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
  else main();
})();
