"""The learner's tools: the teaching engine (`teaching`), curves (`plot`), the graph's drawing
(`drawing`), the interactive explorers (`widgets`) and the chapters' example functions
(`examples`). They use the package as a learner does; `ad.plot`, `ad.drawing`, `ad.widgets`,
`ad.teaching` and `ad.examples` load them on first use, so `import autodiff_tr` stays NumPy-only."""
