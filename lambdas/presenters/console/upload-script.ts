/**
 * The application page's upload script, served as `/console/assets/upload.js?v=<hash>` (the CSP allows scripts from
 * our own origin only). It enhances each document's form — which works without it: a plain `multipart/form-data`
 * POST straight to storage with the undeclared grant drawn with the page, and storage's redirect back to the check.
 *
 * With it, a submit of a form marked `data-upload`:
 * 1. asks the console (`data-grant`, CSRF token in `data-csrf`) for a *declared* grant — the policy pins the exact
 *    size and type — and sends the file straight to storage with a progress bar (XMLHttpRequest upload events);
 * 2. asks the console to run the API's check and shows the result (accepted, or the refusal's Chinese message) in the
 *    form's live region, then draws the page again from the server so every status is current.
 *
 * The type declared is the browser's when it is one we accept, or a known alias of one (`image/jpg`, `image/pjpeg`,
 * `image/x-png`); a file the browser gives no type or another one is sent by the plain form instead, so the server
 * detects its type from the bytes rather than refusing a guess.
 *
 * @example
 * `<form data-upload data-type="test-report" data-grant="/console/applications/APP-…/documents" data-csrf="…">`
 */
export const UPLOAD_JS = `(function () {
  'use strict';
  var zh = document.documentElement.lang !== 'en';
  var say = function (z, e) { return zh ? z : e; };
  var ACCEPTED = ['application/pdf', 'image/jpeg', 'image/png'];
  var ALIASES = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png', 'application/x-pdf': 'application/pdf' };

  /** The type to declare, or undefined: then the server detects it (the plain form). */
  var declaredType = function (file) {
    var type = (file.type || '').toLowerCase();
    if (ACCEPTED.indexOf(type) >= 0) return type;
    return ALIASES[type];
  };

  var post = function (url, fields, csrf) {
    var body = new URLSearchParams(Object.assign({ _csrf: csrf }, fields));
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: body,
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) { return { ok: res.ok, json: json }; });
    });
  };

  var send = function (grant, file, progress) {
    return new Promise(function (resolve, reject) {
      var data = new FormData();
      Object.keys(grant.fields).forEach(function (name) { data.append(name, grant.fields[name]); });
      data.append('file', file);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', grant.url);
      xhr.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable) return;
        var percent = Math.round((e.loaded / e.total) * 100);
        progress.value = percent;
        progress.textContent = percent + '%';
      });
      xhr.addEventListener('load', function () {
        if (xhr.status < 300) resolve();
        else reject(new Error(say('存储拒绝了上传（' + xhr.status + '）。', 'Storage refused the upload (' + xhr.status + ').')));
      });
      xhr.addEventListener('error', function () {
        reject(new Error(say('网络错误，上传未完成。', 'Network error: the upload did not finish.')));
      });
      xhr.send(data);
    });
  };

  Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), function (form) {
    form.addEventListener('submit', function (event) {
      var input = form.querySelector('input[type=file]');
      var result = form.querySelector('[data-result]');
      var box = form.querySelector('[data-progress]');
      var progress = box.querySelector('progress');
      var button = form.querySelector('button');
      var file = input.files && input.files[0];
      if (!file) {
        event.preventDefault();
        result.textContent = say('请先选择文件。', 'Choose a file first.');
        input.focus();
        return;
      }
      var type = declaredType(file);
      // No type we can declare: let the plain form send it; the server detects the type from the bytes.
      if (!type) return;
      event.preventDefault();
      button.disabled = true;
      box.hidden = false;
      progress.value = 0;
      var csrf = form.getAttribute('data-csrf');
      result.textContent = say('正在申请上传…', 'Requesting the upload…');
      post(form.getAttribute('data-grant'), { type: form.getAttribute('data-type'), fileName: file.name, contentType: type, size: String(file.size) }, csrf)
        .then(function (granted) {
          if (!granted.ok) throw new Error(granted.json.message || say('无法上传，请刷新页面后重试。', 'The upload was refused; reload the page and try again.'));
          result.textContent = say('正在上传…', 'Uploading…');
          return send(granted.json.upload, file, progress).then(function () {
            result.textContent = say('正在检查文件…', 'Checking the file…');
            return post(granted.json.check, {}, csrf);
          });
        })
        .then(function (checked) {
          result.textContent = checked.ok
            ? say('已通过检查。', 'Passed its check.')
            : checked.json.message || say('未通过检查。', 'Refused.');
          window.location.reload();
        })
        .catch(function (error) {
          result.textContent = error instanceof Error ? error.message : String(error);
          button.disabled = false;
        });
    });
  });
})();
`;
