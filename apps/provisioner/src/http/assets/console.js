// Live provisioning progress on an application's page; the page is complete without it.
(function () {
  var bar = document.getElementById('progress')
  if (!bar) return
  var label = document.getElementById('progress-step')
  function poll() {
    fetch(bar.dataset.poll, { credentials: 'same-origin' })
      .then(function (r) { return r.json() })
      .then(function (p) {
        bar.value = p.percent
        label.textContent = p.status + (p.step ? ' — ' + p.step : '') + (p.error ? ' — ' + p.error : '')
        // data-status starts as the status the page was rendered with: a change to an end state reloads the page once.
        if (p.status === 'ready' || p.status === 'failed') { if (bar.dataset.status !== p.status) location.reload(); return }
        bar.dataset.status = p.status
        setTimeout(poll, 1000)
      })
      .catch(function () { setTimeout(poll, 3000) })
  }
  poll()
})()

// Live progress of a fleet upgrade; the page reloads with the full report once it ends.
(function () {
  var bar = document.getElementById('upgrade-progress')
  if (!bar || !bar.dataset.poll) return
  var percent = document.getElementById('upgrade-percent')
  function poll() {
    fetch(bar.dataset.poll, { credentials: 'same-origin' })
      .then(function (r) { return r.json() })
      .then(function (p) {
        bar.value = p.percent
        if (percent) percent.textContent = p.percent + ' %'
        Object.keys(p.counts).forEach(function (k) {
          var el = document.getElementById('upgrade-' + k)
          if (el) el.textContent = p.counts[k]
        })
        if (p.status !== 'running') { location.reload(); return }
        setTimeout(poll, 1000)
      })
      .catch(function () { setTimeout(poll, 3000) })
  }
  poll()
})()
