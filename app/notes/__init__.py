"""The note register (notes verbales in en/ru/kk) and the name forms they are written with."""
