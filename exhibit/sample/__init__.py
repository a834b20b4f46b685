"""The sample Hengyang (1944) collection: data files and generated illustrations."""
