// sipaudit serve: the upload page's behaviour. Without it the form still posts (and the server redirects to the
// report); with it, files can be dropped, the upload shows its progress and errors appear on the page.
// Everything the server or the user sent is shown with textContent, never as HTML.
(function () {
  'use strict';
  var form = document.getElementById('upload');
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var max = Number(form.getAttribute('data-max-upload'));
  var fileInput = document.getElementById('file');
  var drop = document.getElementById('drop');
  var chosen = document.getElementById('chosen');
  var progress = document.getElementById('progress');
  var status = document.getElementById('status');
  var messages = document.getElementById('messages');
  var button = form.querySelector('button[type=submit]');
  var timer = null;

  function human(n) {
    if (n < 1024) {
      return n + ' bytes';
    }
    var units = ['kB', 'MB', 'GB'];
    var i = -1;
    do {
      n /= 1024;
      i++;
    } while (n >= 1024 && i < units.length - 1);
    return n.toFixed(n < 10 ? 1 : 0) + ' ' + units[i];
  }

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }

  function clearMessages() {
    while (messages.firstChild) {
      messages.removeChild(messages.firstChild);
    }
  }

  function uploadSize() {
    var total = 0;
    var inputs = form.querySelectorAll('input[type=file]');
    for (var i = 0; i < inputs.length; i++) {
      for (var j = 0; j < inputs[i].files.length; j++) {
        total += inputs[i].files[j].size;
      }
    }
    var areas = form.querySelectorAll('textarea');
    for (var k = 0; k < areas.length; k++) {
      total += areas[k].value.length;
    }
    return total;
  }

  function showChosen() {
    var names = [];
    for (var i = 0; i < fileInput.files.length; i++) {
      names.push(fileInput.files[i].name + ' (' + human(fileInput.files[i].size) + ')');
    }
    chosen.textContent = names.join(', ');
  }

  fileInput.addEventListener('change', showChosen);
  ['dragenter', 'dragover'].forEach(function (type) {
    drop.addEventListener(type, function (e) {
      e.preventDefault();
      drop.classList.add('over');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    drop.addEventListener(type, function () {
      drop.classList.remove('over');
    });
  });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    if (e.dataTransfer && e.dataTransfer.files.length > 0) {
      fileInput.files = e.dataTransfer.files;
      showChosen();
    }
  });

  function finish() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    button.disabled = false;
    progress.hidden = true;
  }

  function showProblem(xhr) {
    var body = null;
    try {
      body = JSON.parse(xhr.responseText);
    } catch (ignored) {
      body = null;
    }
    var error = body && typeof body.error === 'string' ? body.error : 'The server answered ' + xhr.status + '.';
    if (xhr.status === 503) {
      var after = xhr.getResponseHeader('Retry-After');
      error += after ? ' Try again in ' + after + ' s.' : '';
    }
    say(error, true);
    if (body && Array.isArray(body.messages)) {
      body.messages.forEach(function (m) {
        var li = document.createElement('li');
        li.textContent = String(m);
        messages.appendChild(li);
      });
    }
    if (body && typeof body.report === 'string' && body.report.indexOf('/r/') === 0) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = body.report;
      a.textContent = 'Report of what could be read before the damage';
      li.appendChild(a);
      messages.appendChild(li);
    }
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearMessages();
    var size = uploadSize();
    if (size === 0) {
      say('Paste a SIP trace or choose a capture first.', true);
      return;
    }
    if (max > 0 && size > max) {
      say('That is ' + human(size) + '; this server takes at most ' + human(max)
          + ' per request. Compress the capture with gzip or cut it with editcap.', true);
      return;
    }
    var token = '';
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    for (var i = 0; i < bytes.length; i++) {
      token += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    }
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action + (form.action.indexOf('?') < 0 ? '?' : '&') + 'progress=' + token);
    xhr.setRequestHeader('Accept', 'application/json');
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    say('Uploading…');
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable) {
        progress.value = Math.floor(ev.loaded * 100 / ev.total);
        say('Uploading… ' + human(ev.loaded) + ' of ' + human(ev.total));
      }
    };
    xhr.upload.onload = function () {
      var started = Date.now();
      progress.removeAttribute('value');
      say('Analysing…');
      timer = setInterval(function () {
        var seconds = Math.round((Date.now() - started) / 1000);
        var poll = new XMLHttpRequest();
        poll.open('GET', '/api/progress/' + token);
        poll.setRequestHeader('Accept', 'application/json');
        poll.onload = function () {
          var p = null;
          try {
            p = JSON.parse(poll.responseText);
          } catch (ignored) {
            p = null;
          }
          if (poll.status === 200 && p && typeof p.percent === 'number' && !p.done) {
            progress.value = p.percent;
            say('Analysing… ' + String(p.stage) + ': ' + p.percent + ' %, ' + p.frames + ' frames, ' + seconds + ' s');
          } else {
            say('Analysing… ' + seconds + ' s');
          }
        };
        poll.send();
      }, 1000);
    };
    xhr.onload = function () {
      finish();
      var body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (ignored) {
        body = null;
      }
      if (xhr.status === 200 && body && typeof body.report === 'string' && body.report.indexOf('/r/') === 0) {
        say('Done: opening the report…');
        window.location.assign(body.report);
      } else {
        showProblem(xhr);
      }
    };
    xhr.onerror = function () {
      finish();
      say('The upload failed: the connection to the server was lost.', true);
    };
    xhr.send(new FormData(form));
  });
}());
