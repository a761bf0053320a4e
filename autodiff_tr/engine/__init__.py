"""The engine, bottom up: dtypes and the Tensor that holds an array (`dtypes`, `_format`,
`tensor`), the switch that turns recording on and off (`grad_mode`), the derivative table
(`derivatives`), the graph's nodes and `record` (`nodes`), tensor hooks (`hooks`), and the one
walk over the graph (`backward`). Nothing here imports the tensor API or the libraries above."""
