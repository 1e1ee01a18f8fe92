/* On the petition form: once the title or the content says something, show the public reports that look
   like it ("Similar reports already sent"), with links. The citizen may still send their own. Without
   JavaScript nothing is shown and the form works as before. The list itself (the box, the cards, when to
   ask) is cases' petition-reports.js, shared with the nearby reports. */
(function () {
  "use strict";
  if (!window.danvanPetitionReports) { return; }
  window.danvanPetitionReports.attach({
    box: "similar-reports",
    template: "similar-template",
    after: "#id_content",
    fields: ["id_title", "id_content", "id_place_text"],
    delay: 600,
    ask: function (list) {
      var kind = list.track();
      if (kind === "khieu_nai" || kind === "to_cao") { return null; }  // never shown beside a complaint
      var text = list.value("#id_title") + " " + list.value("#id_content");
      if (text.trim().split(/\s+/).length < 4) { return null; }
      var fields = { title: list.value("#id_title"), content: list.value("#id_content").slice(0, 20000),
                     place_text: list.value("#id_place_text"), track: kind };
      return { key: text + "|" + fields.place_text + "|" + kind, fetch: function () {
        return list.post(list.box.dataset.url, fields);
      } };
    }
  });
})();
