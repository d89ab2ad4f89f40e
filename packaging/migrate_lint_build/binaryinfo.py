"""The wheel platform tag a binary needs, read from the binary itself.

Linux: the newest GLIBC_x.y symbol version it requires (ELF .gnu.version_r),
so the manylinux tag promises no more than the binary needs. macOS: the
minimum OS version the linker recorded (LC_BUILD_VERSION or
LC_VERSION_MIN_MACOSX).
"""
import struct

ELF_MACHINES = {62: "x86_64", 183: "aarch64"}
MACHO_CPUS = {0x01000007: "x86_64", 0x0100000C: "arm64"}


def platform_tag(path):
    """Return e.g. 'manylinux_2_17_x86_64.manylinux2014_x86_64' or 'macosx_12_0_arm64'."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x7fELF":
        arch, glibc = elf_info(data)
        minor = max(glibc[1], 17) if glibc else 17
        tag = "manylinux_2_%d_%s" % (minor, arch)
        if minor == 17:
            tag += ".manylinux2014_" + arch
        return tag
    if data[:4] == b"\xcf\xfa\xed\xfe":
        arch, (major, minor) = macho_info(data)
        if major >= 11:
            minor = 0  # pip's tags from macOS 11 on are macosx_N_0
        return "macosx_%d_%d_%s" % (major, minor, arch)
    raise ValueError("%s: neither a 64-bit ELF nor a 64-bit Mach-O executable" % path)


def elf_info(data):
    """(arch, (2, minor) of the newest GLIBC version needed, or None)."""
    if data[4] != 2 or data[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    machine = struct.unpack_from("<H", data, 18)[0]
    if machine not in ELF_MACHINES:
        raise ValueError("unsupported ELF machine %d" % machine)
    shoff = struct.unpack_from("<Q", data, 40)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = []
    for i in range(shnum):
        name, stype, _flags, _addr, offset, size, link = struct.unpack_from("<IIQQQQI", data, shoff + i * shentsize)
        sections.append((stype, offset, size, link))
    newest = None
    for stype, offset, size, link in sections:
        if stype != 0x6FFFFFFE:  # SHT_GNU_verneed
            continue
        strtab = sections[link][1]
        pos = offset
        while True:
            _version, cnt, _file, aux, nxt = struct.unpack_from("<HHIII", data, pos)
            apos = pos + aux
            for _ in range(cnt):
                _hash, _flags, _other, name, anext = struct.unpack_from("<IHHII", data, apos)
                end = data.index(b"\0", strtab + name)
                label = data[strtab + name:end].decode("ascii", "replace")
                if label.startswith("GLIBC_2."):
                    try:
                        version = tuple(int(p) for p in label[len("GLIBC_"):].split("."))[:2]
                    except ValueError:
                        version = None
                    if version and (newest is None or version > newest):
                        newest = version
                if not anext:
                    break
                apos += anext
            if not nxt:
                break
            pos += nxt
    return ELF_MACHINES[machine], newest


def macho_info(data):
    """(arch, (major, minor) of the minimum macOS version)."""
    cpu, _sub, _ftype, ncmds, _size = struct.unpack_from("<iiIII", data, 4)
    cpu &= 0xFFFFFFFF
    if cpu not in MACHO_CPUS:
        raise ValueError("unsupported Mach-O CPU type %#x" % cpu)
    pos = 32
    for _ in range(ncmds):
        cmd, cmdsize = struct.unpack_from("<II", data, pos)
        if cmd == 0x32:  # LC_BUILD_VERSION: platform, minos, sdk
            platform, minos = struct.unpack_from("<II", data, pos + 8)
            if platform == 1:  # PLATFORM_MACOS
                return MACHO_CPUS[cpu], (minos >> 16, (minos >> 8) & 0xFF)
        elif cmd == 0x24:  # LC_VERSION_MIN_MACOSX: version, sdk
            version = struct.unpack_from("<I", data, pos + 8)[0]
            return MACHO_CPUS[cpu], (version >> 16, (version >> 8) & 0xFF)
        pos += cmdsize
    raise ValueError("Mach-O file records no minimum macOS version")
