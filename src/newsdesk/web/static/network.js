// The actor network: vis-network (from the npm build) over the JSON the page carries. Names are
// drawn on the canvas and tooltips are DOM text, never HTML; a click on a link opens its evidence.
// Colours come from the legend's swatches (newsdesk.css), so the chart and its legend agree.
(function () {
  "use strict";
  var holder = document.getElementById("network-view");
  var source = document.getElementById("network-data");
  if (!holder || !source || typeof vis === "undefined" || !vis.Network || !vis.DataSet) {
    return;
  }
  var graph = JSON.parse(source.textContent);
  function tooltip(text) {
    var element = document.createElement("div");
    element.textContent = text;
    return element;
  }
  var kindColours = Array.prototype.map.call(
    document.querySelectorAll("#network-kinds .swatch"),
    function (swatch) { return getComputedStyle(swatch).backgroundColor; }
  );
  var groups = {};
  Array.prototype.forEach.call(document.querySelectorAll("#network-types .swatch"), function (swatch) {
    var style = getComputedStyle(swatch);
    groups[swatch.getAttribute("data-group")] = {
      color: {
        background: style.backgroundColor,
        border: style.borderTopColor,
        highlight: { background: "#ffd54f", border: "#c77700" },
        hover: { background: style.backgroundColor, border: "#1f2328" },
      },
    };
  });
  var urls = {};
  var nodes = graph.nodes.map(function (node) {
    return { id: node.id, label: node.label, group: node.group, value: node.value, title: tooltip(node.title) };
  });
  var edges = graph.edges.map(function (edge) {
    urls[edge.id] = edge.url;
    var colour = kindColours[edge.kind % Math.max(kindColours.length, 1)] || "#9aa8b5";
    return {
      id: edge.id, from: edge.from, to: edge.to, value: edge.value, title: tooltip(edge.title),
      color: { color: colour, highlight: colour, hover: colour, opacity: 0.75 },
      arrows: edge.arrow ? { to: { enabled: true, scaleFactor: 0.6 } } : undefined,
      dashes: edge.dashes === true,
    };
  });
  var network = new vis.Network(
    holder,
    { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) },
    {
      groups: groups,
      nodes: {
        shape: "dot", borderWidth: 2, scaling: { min: 7, max: 30 },
        font: { size: 13, face: "system-ui, sans-serif", color: "#1f2328", strokeWidth: 3, strokeColor: "#ffffff" },
      },
      edges: { scaling: { min: 1, max: 7 }, smooth: false },
      physics: { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -60, springLength: 110 }, stabilization: { iterations: 300 } },
      interaction: { hover: true, tooltipDelay: 120 },
    }
  );
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
  });
  network.on("click", function (properties) {
    if (properties.nodes.length || properties.edges.length !== 1) {
      return;
    }
    var url = urls[properties.edges[0]];
    if (typeof url === "string" && url.indexOf("/doc/") === 0) {
      window.location.href = url;
    }
  });
  network.once("afterDrawing", function () {
    holder.setAttribute("data-drawn", String(nodes.length));
  });
})();
