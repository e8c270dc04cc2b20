// The timeline chart: vis-timeline (from the npm build) over the JSON the page carries.
// Labels go in as DOM text, never as HTML; a click on an item opens its evidence in the reader.
(function () {
  "use strict";
  var holder = document.getElementById("timeline-view");
  var source = document.getElementById("timeline-data");
  if (!holder || !source || typeof vis === "undefined" || !vis.Timeline || !vis.DataSet) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var entries = data.items;
  var urls = {};
  var items = entries.map(function (entry) {
    var content = document.createElement("span");
    content.textContent = entry.label;
    content.setAttribute("title", entry.title);
    urls[entry.id] = entry.url;
    var item = { id: entry.id, content: content, start: entry.start, className: entry.disputed ? "disputed" : "" };
    if (entry.end) {
      item.end = entry.end;
      item.type = "range";
    } else {
      item.type = "point";
    }
    return item;
  });
  var options = {
    stack: true,
    zoomKey: "ctrlKey",
    horizontalScroll: true,
    maxHeight: 520,
    margin: { item: 4 },
    // Labels stay readable however many happenings: a point never shrinks its text, and the
    // chart does not zoom out past the story's whole span nor in past an hour.
    zoomMin: 1000 * 60 * 60,
    orientation: "top",
    onInitialDrawComplete: function () {
      // The chart is hidden until its first full drawing; tests and screenshots wait for this.
      holder.setAttribute("data-drawn", String(entries.length));
      showWindow();
    },
  };
  if (data.window) {
    options.start = data.window.start;
    options.end = data.window.end;
  }
  var timeline = null;
  // The period shown, as ISO days on the holder (what tests and screenshots read).
  function showWindow() {
    if (!timeline) { return; }
    var shown = timeline.getWindow();
    holder.setAttribute("data-start", shown.start.toISOString().slice(0, 10));
    holder.setAttribute("data-end", shown.end.toISOString().slice(0, 10));
  }
  timeline = new vis.Timeline(holder, new vis.DataSet(items), options);
  timeline.on("rangechanged", showWindow);
  showWindow();
  var recent = document.getElementById("timeline-recent");
  var all = document.getElementById("timeline-all");
  if (recent && data.window) {
    recent.addEventListener("click", function () { timeline.setWindow(data.window.start, data.window.end); });
  }
  if (all) {
    all.addEventListener("click", function () { timeline.fit(); });
  }
  timeline.on("click", function (properties) {
    var url = urls[properties.item];
    if (properties.what === "item" && typeof url === "string" && url.indexOf("/doc/") === 0) {
      window.location.href = url;
    }
  });
})();
