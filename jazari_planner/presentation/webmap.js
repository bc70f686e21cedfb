/* Jazari Planner's web map: one frame (outlines, controls) that each plan restyles.
 *
 * jazariMap(map, config) draws what never changes for a dataset and a language: the
 * regions' outlines, the layer switch, the legend box, the names, the head institute, a
 * button that shows the whole country again. jz.update(plan) then colours the regions,
 * fills tooltips, popups and legend, and places the themes' badges. In the app, streamlit-folium keeps the
 * frame and runs only the update on a re-plan, so the zoom and the chosen layer stay.
 * Every text arrives already HTML-escaped (see webmap.py).
 */
(function () {
  "use strict";

  function JazariMap(map, cfg) {
    var jz = this;
    jz.map = map;
    jz.cfg = cfg;
    jz.view = cfg.first;
    jz.data = null;
    jz.touched = false;

    jz.regions = L.geoJSON(cfg.outlines, {
      style: function (feature) { return jz.style(feature.properties.code); },
      onEachFeature: function (feature, layer) {
        var code = feature.properties.code;
        layer.bindTooltip(function () { return jz.tooltip(code); },
                          {sticky: true, direction: "top", opacity: 0.95});
        layer.bindPopup(function () { return jz.popup(code); },
                        {maxWidth: 320, autoPanPadding: [8, 8]});
        layer.on({
          mouseover: function (e) {
            e.target.setStyle({weight: 3, color: "#1f2933"});
          },
          mouseout: function (e) { jz.regions.resetStyle(e.target); }
        });
      }
    }).addTo(map);

    jz.badges = L.layerGroup().addTo(map);
    jz.leaders = L.layerGroup().addTo(map);
    map.on("zoomend resize", function () { jz.declutter(); });
    /* A popup pans the map to fit: the map goes back where it was when it closes. */
    map.on("autopanstart", function () {
      if (!jz.beforePan) { jz.beforePan = [map.getCenter(), map.getZoom()]; }
    });
    map.on("popupclose", function () {
      if (jz.beforePan) {
        var back = jz.beforePan;
        jz.beforePan = null;
        map.setView(back[0], back[1]);
      }
    });
    jz.names = L.layerGroup();
    cfg.names.forEach(function (item) { jz.marker(item).addTo(jz.names); });
    jz.root = null;
    if (cfg.root) {
      jz.root = L.layerGroup().addTo(map);
      jz.marker(cfg.root).addTo(jz.root);
    }

    jz.bases = cfg.views.map(function (name, index) {
      var group = L.layerGroup();
      group.jzView = index;
      group.on("add", function () { jz.show(index); });
      return group;
    });

    var restored = jz.restore();
    jz.bases[jz.view].addTo(map);
    jz.fitControl().addTo(map);
    if (cfg.layerControl) {
      var bases = {};
      cfg.views.forEach(function (name, index) { bases[name] = jz.bases[index]; });
      var overlays = {};
      overlays[cfg.layerNames.badges] = jz.badges;
      if (jz.root) { overlays[cfg.layerNames.root] = jz.root; }
      overlays[cfg.layerNames.names] = jz.names;
      jz.layers = L.control.layers(bases, overlays,
                                   {collapsed: true, position: "topleft"}).addTo(map);
    }
    if (cfg.title) {
      jz.title = jz.panel("topleft", "jz-panel jz-title-panel");
    }
    if (cfg.legend) {
      jz.legend = jz.panel("bottomright", "jz-panel jz-legend");
    }
    map.on("baselayerchange", function (e) {
      if (typeof e.layer.jzView === "number") { jz.show(e.layer.jzView); }
      jz.remember();
    });
    map.on("moveend", function () { if (jz.touched) { jz.remember(); } });
    map.on("zoomstart dragstart", function () { if (!jz.fitting) { jz.touched = true; } });
    map.on("resize", function () { jz.padPopups(); });
    if (!restored) { jz.fit(); }
  }

  /* Nothing to fit in a frame not laid out yet (no height): fit once it has one. */
  JazariMap.prototype.sized = function () {
    var size = this.map.getSize();
    return size.x > 0 && size.y > 0;
  };

  JazariMap.prototype.fit = function () {
    var jz = this;
    if (!jz.sized()) {
      jz.map.once("resize", function () { jz.fit(); });
      return;
    }
    jz.fitting = true;
    jz.map.fitBounds(jz.cfg.bounds, {padding: [6, 6], animate: false});
    jz.fitting = false;
  };

  /* The view kept from an earlier frame of the same map (the app re-creates a frame on a
   * language switch): zoom, centre and layer. */
  JazariMap.prototype.restore = function () {
    var key = this.cfg.remember;
    if (!key) { return false; }
    var saved = null;
    try { saved = JSON.parse(window.sessionStorage.getItem("jazari-map:" + key)); }
    catch (error) { saved = null; }
    if (!saved) { return false; }
    if (typeof saved.view === "number" && saved.view < this.bases.length) {
      this.view = saved.view;
    }
    if (saved.center && typeof saved.zoom === "number") {
      this.fitting = true;
      this.map.setView(saved.center, saved.zoom, {animate: false});
      this.fitting = false;
      this.touched = true;
      return true;
    }
    return false;
  };

  JazariMap.prototype.remember = function () {
    var key = this.cfg.remember;
    if (!key) { return; }
    var state = {view: this.view};
    if (this.touched) {
      var center = this.map.getCenter();
      state.center = [center.lat, center.lng];
      state.zoom = this.map.getZoom();
    }
    try { window.sessionStorage.setItem("jazari-map:" + key, JSON.stringify(state)); }
    catch (error) { /* storage off: nothing to keep */ }
  };

  JazariMap.prototype.panel = function (position, className) {
    var control = L.control({position: position});
    control.onAdd = function () {
      var div = L.DomUtil.create("div", className);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return control.addTo(this.map);
  };

  JazariMap.prototype.fitControl = function () {
    var jz = this;
    var control = L.control({position: "topleft"});
    control.onAdd = function () {
      var bar = L.DomUtil.create("div", "leaflet-bar jz-fit");
      var link = L.DomUtil.create("a", "", bar);
      link.href = "#";
      link.role = "button";
      link.title = jz.cfg.fitAll;
      link.setAttribute("aria-label", jz.cfg.fitAll);
      link.innerHTML = "&#x2922;";
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(link, "click", function (e) {
        L.DomEvent.preventDefault(e);
        jz.touched = false;
        jz.fit();
        jz.remember();
      });
      return bar;
    };
    return control;
  };

  JazariMap.prototype.style = function (code) {
    var view = this.data ? this.data.views[this.view] : null;
    return {
      fillColor: view && view.fills[code] ? view.fills[code] : "#d9d9d9",
      fillOpacity: this.cfg.fillOpacity, color: this.cfg.outline, weight: 1.2, opacity: 1,
      className: "jz-region jz-r-" + code
    };
  };

  JazariMap.prototype.tooltip = function (code) {
    if (!this.data) { return ""; }
    var line = this.data.views[this.view].lines[code] || "";
    return this.data.heads[code] + (line ? "<br>" + line : "");
  };

  JazariMap.prototype.popup = function (code) {
    return this.data ? this.data.popups[code] : "";
  };

  JazariMap.prototype.marker = function (item) {
    var marker = L.marker([item.lat, item.lon], {
      icon: L.divIcon({html: item.html, className: item.cls, iconSize: item.size,
                       iconAnchor: item.anchor}),
      keyboard: false, riseOnHover: true
    });
    if (item.tip) { marker.bindTooltip(item.tip, {direction: "top", offset: [0, -8]}); }
    return marker;
  };

  /* Show view ``index``: fills, and the legend of that view. */
  JazariMap.prototype.show = function (index) {
    this.view = index;
    var jz = this;
    this.regions.setStyle(function (feature) { return jz.style(feature.properties.code); });
    this.showLegend();
  };

  JazariMap.prototype.showLegend = function () {
    if (this.legend && this.data) {
      this.legend.getContainer().innerHTML = this.data.views[this.view].legend + this.data.key;
    }
    if (this.title && this.data) {
      this.title.getContainer().innerHTML = this.data.title;
    }
    this.padPopups();
  };

  /* Popups open clear of the controls: no popup may reach under the left column of
   * controls, nor below the top of the legend or of the scale bar. */
  JazariMap.prototype.padPopups = function () {
    var box = this.map.getContainer().getBoundingClientRect();
    var left = 10;
    var bottom = 10;
    var corner = this.map.getContainer().querySelectorAll(
      ".leaflet-top.leaflet-left .leaflet-control");
    Array.prototype.forEach.call(corner, function (control) {
      left = Math.max(left, control.getBoundingClientRect().right - box.left + 8);
    });
    var lower = this.map.getContainer().querySelectorAll(
      ".leaflet-bottom .leaflet-control:not(.leaflet-control-attribution)");
    Array.prototype.forEach.call(lower, function (control) {
      var rect = control.getBoundingClientRect();
      if (rect.height > 0) { bottom = Math.max(bottom, box.bottom - rect.top + 8); }
    });
    var options = {autoPanPaddingTopLeft: L.point(left, 10),
                   autoPanPaddingBottomRight: L.point(10, bottom)};
    this.regions.eachLayer(function (layer) {
      var popup = layer.getPopup();
      if (popup) { L.Util.extend(popup.options, options); }
    });
  };

  /* A plan: fills, tooltips, popups, legend and badges. */
  JazariMap.prototype.update = function (data) {
    var jz = this;
    jz.data = data;
    if (typeof data.show === "number" && data.show !== jz.view) {
      jz.map.removeLayer(jz.bases[jz.view]);
      jz.bases[data.show].addTo(jz.map);
    }
    jz.show(jz.view);
    jz.badges.clearLayers();
    data.badges.forEach(function (item) { jz.marker(item).addTo(jz.badges); });
    jz.map.closePopup();
    jz.declutter();
  };

  /* Badges never cover each other: where two regions' badges would overlap on screen
   * (Rabat's and Casablanca's at a country's zoom), they are moved apart vertically, the
   * least needed, and a thin leader line ties a moved badge to its region's point.
   * Recomputed at each zoom, from the badges' own places. */
  JazariMap.prototype.declutter = function () {
    var map = this.map;
    var gap = 2;
    var boxes = [];
    this.leaders.clearLayers();
    this.badges.eachLayer(function (marker) {
      var el = marker.getElement();
      if (!el) { return; }
      var icon = marker.options.icon.options;
      var point = map.latLngToContainerPoint(marker.getLatLng());
      el.style.marginTop = (-icon.iconAnchor[1]) + "px";
      boxes.push({marker: marker, el: el, anchor: point, top: icon.iconAnchor[1],
                  x: point.x - icon.iconAnchor[0], y: point.y - icon.iconAnchor[1],
                  w: icon.iconSize[0], h: icon.iconSize[1], dy: 0});
    });
    for (var pass = 0; pass < 40; pass++) {
      var moved = false;
      for (var i = 0; i < boxes.length; i++) {
        for (var j = i + 1; j < boxes.length; j++) {
          var a = boxes[i], b = boxes[j];
          var across = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
          var down = Math.min(a.y + a.dy + a.h, b.y + b.dy + b.h) - Math.max(a.y + a.dy,
                                                                               b.y + b.dy);
          if (across > -gap && down > -gap) {
            var upper = (a.y + a.dy + a.h / 2 <= b.y + b.dy + b.h / 2) ? a : b;
            var lower = upper === a ? b : a;
            var shift = (down + gap) / 2;
            upper.dy -= shift;
            lower.dy += shift;
            moved = true;
          }
        }
      }
      if (!moved) { break; }
    }
    var leaders = this.leaders;
    boxes.forEach(function (box) {
      if (Math.abs(box.dy) < 1) { return; }
      box.el.style.marginTop = (-box.top + box.dy) + "px";
      var edge = L.point(box.anchor.x, box.dy > 0 ? box.y + box.dy : box.y + box.dy + box.h);
      L.polyline([map.containerPointToLatLng(box.anchor), map.containerPointToLatLng(edge)],
                 {color: "#52606d", weight: 1, opacity: 0.8, interactive: false,
                  className: "jz-leader"}).addTo(leaders);
    });
  };

  window.jazariMap = function (map, cfg) {
    window.jz = new JazariMap(map, cfg);
    return window.jz;
  };
})();
