# Idiom: printf/format widths and the general float form in names and params: right-justified "%3s" names,
# "%g MHz" clocks, "{:g}" ratios, zero-padded "%.3d"/"%#06x" ids, "{:>8}"/"{:08.3f}" columns.
import sst

baseclock = 2000
for i in range(2):
    cpu = sst.Component("cpu%3s" % i, "miranda.BaseCPU")
    cpu.addParams({
        "label": "%8s|" % ("core%d" % i),
        "clock": "%g MHz" % baseclock,
        "period": "%gns" % (1e3 / baseclock),
        "ratio": "{:g}".format(2.5e-5),
        "id": "%.3d" % i,
        "addr": "%#06x" % (4096 * i),
        "col": "{:>8}|{:08.3f}".format("x", 3.14159),
        "sci": "{:.3g}".format(123456.0),
        "big": "%G" % 1e20,
    })
l1 = sst.Component("l1_%g" % 1.0, "memHierarchy.Cache")
# expect: params "cpu  0" = {"label": "   core0|", "clock": "2000 MHz", "period": "0.5ns", "ratio": "2.5e-05", "id": "000", "addr": "0x0000", "col": "       x|0003.142", "sci": "1.23e+05", "big": "1E+20"}
# expect: params "cpu  1" = {"label": "   core1|", "clock": "2000 MHz", "period": "0.5ns", "ratio": "2.5e-05", "id": "001", "addr": "0x1000", "col": "       x|0003.142", "sci": "1.23e+05", "big": "1E+20"}
# expect: params l1_1 = {}
