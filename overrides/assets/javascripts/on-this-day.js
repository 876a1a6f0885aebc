/* "On this day" on the home page: events of today's month and day in earlier years.
 * Computed in the reader's browser from data/on-this-day/MM-DD.json (one small file per
 * day), so the build never depends on the day it runs. Titles are inserted as text, never
 * as HTML. */
(function () {
  "use strict";
  var box = document.getElementById("on-this-day");
  if (!box || !window.fetch) return;
  var today = new Date();
  var key = String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
  var zh = document.documentElement.lang.indexOf("zh") === 0;  // the Chinese edition
  var label = zh ? (today.getMonth() + 1) + "月" + today.getDate() + "日"
    : today.toLocaleDateString("en", { month: "long", day: "numeric" });
  fetch(box.getAttribute("data-src") + key + ".json")
    .then(function (response) { return response.ok ? response.json() : []; })
    .then(function (events) {
      var list = box.querySelector("ul");
      document.getElementById("on-this-day-date").textContent = zh
        ? (events.length ? "往年的" + label + "：" : "往年的" + label + "没有记录在案的事件。")
        : (events.length ? label + ", in earlier years:" : "No recorded event happened on " + label + " in earlier years.");
      events.slice().reverse().forEach(function (event) {
        var item = document.createElement("li");
        var strong = document.createElement("strong");
        strong.textContent = zh ? chineseDate(event.date) : event.date;
        var link = document.createElement("a");
        link.href = event.path;
        link.textContent = zh && event.title_zh ? event.title_zh : event.title;
        if (zh && !event.title_zh) link.lang = "en";
        item.appendChild(strong);
        item.appendChild(document.createTextNode(" · "));
        item.appendChild(link);
        list.appendChild(item);
      });
      box.hidden = false;
    })
    .catch(function () { /* no data, no box: the rest of the page is unaffected */ });

  function chineseDate(date) {  // 2018-03-06 → 2018年3月6日, as the generator writes dates
    var parts = date.split("-");
    return parts[0] + "年" + Number(parts[1]) + "月" + Number(parts[2]) + "日";
  }
})();
