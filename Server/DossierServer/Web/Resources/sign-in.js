// The sign-in page's one script (vendored, no framework): the invitation file chosen is read in the browser into the
// form's text field, so the file's text is sent like a pasted one and never leaves this page otherwise.
document.getElementById("invitation").addEventListener("change", function (event) {
  var file = event.target.files[0];
  if (!file) { return; }
  file.text().then(function (text) { document.getElementById("credential").value = text; });
});
