# Idiom: program options set from the script.
import sst

sst.setProgramOption("timebase", "1ps")
sst.setProgramOptions({"stop-at": "10us", "partitioner": "sst.linear"})
sst.Component("c", "t.T")

# expect: option timebase = "1ps"
# expect: option stop-at = "10us"
# expect: option partitioner = "sst.linear"
