// Optional: tells while typing whether the space name is free. The form works without it.
(function () {
  var input = document.getElementById('slug')
  var out = document.getElementById('slug-live')
  if (!input || !out) return
  var timer
  input.addEventListener('input', function () {
    clearTimeout(timer)
    timer = setTimeout(function () {
      if (!input.value) { out.textContent = ''; return }
      fetch(input.dataset.check + '?slug=' + encodeURIComponent(input.value))
        .then(function (r) { return r.json() })
        .then(function (v) {
          out.textContent = v.available ? '✓ ' + v.slug : '✗ ' + v.message
          out.className = v.available ? 'hint' : 'error'
        })
        .catch(function () { out.textContent = '' })
    }, 300)
  })
})()
