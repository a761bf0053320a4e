"""The engine, bottom up: dtypes, printing and the switch that turns recording on and off
(`dtypes`, `_format`, `grad_mode`), the Tensor that holds an array (`tensor`), the derivative table
(`derivatives`), the graph's nodes and `record` (`nodes`), tensor hooks (`hooks`), and the one
walk over the graph (`backward`). Nothing here imports the tensor API or the libraries above."""
