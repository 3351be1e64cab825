/// The words the generator writes: names, places, notes — invented, in the carriers' languages
/// (Vietnamese with its diacritics, Mexican Spanish). Every string is pre-encoded to UTF-8 once.
/// None of them needs JSON escaping (no quotes, backslashes or control characters), which the
/// generator relies on to copy them verbatim.
enum GenVocabulary {
    static func encode(_ strings: [String]) -> [[UInt8]] { strings.map { Array($0.utf8) } }

    // MARK: Vietnam (247Express)

    static let vnFamily = encode([
        "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
        "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Lâm", "Mai",
    ])
    static let vnMiddleMale = encode(["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Đình", "Gia", "Xuân", "Anh"])
    static let vnMiddleFemale = encode(["Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Bảo", "Hồng", "Phương"])
    static let vnGivenMale = encode([
        "An", "Bình", "Cường", "Dũng", "Đạt", "Hùng", "Huy", "Khôi", "Long", "Nam", "Phước", "Quân", "Sơn", "Tài",
        "Thắng", "Tuấn", "Việt", "Bảo", "Đức", "Hiếu", "Khoa", "Lộc", "Nghĩa", "Trung",
    ])
    static let vnGivenFemale = encode([
        "Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Nguyệt", "Phương",
        "Thảo", "Trang", "Vy", "Yến", "Giang", "Hằng", "Ánh", "Tâm", "Uyên", "Xuân",
    ])

    /// A province: name, districts (with one ward each), line-haul days from the shop's
    /// warehouse in Hồ Chí Minh, share of orders (weight), first-attempt success (per cent).
    struct Province {
        var name: [UInt8]
        var districts: [(district: [UInt8], ward: [UInt8])]
        var transitDays: Int
        var weight: Int
        var firstAttempt: Int
        var couriers: Int
    }

    static let provinces: [Province] = {
        func p(_ name: String, _ d: [(String, String)], _ transit: Int, _ weight: Int, _ first: Int, _ couriers: Int) -> Province {
            Province(
                name: Array(name.utf8), districts: d.map { (Array($0.0.utf8), Array($0.1.utf8)) },
                transitDays: transit, weight: weight, firstAttempt: first, couriers: couriers)
        }
        return [
            p(
                "Hồ Chí Minh",
                [
                    ("Quận 1", "Phường Bến Nghé"), ("Quận 3", "Phường Võ Thị Sáu"), ("Quận 7", "Phường Tân Phú"),
                    ("Quận Bình Thạnh", "Phường 25"), ("Thành phố Thủ Đức", "Phường Thảo Điền"),
                    ("Quận Gò Vấp", "Phường 10"), ("Quận Tân Bình", "Phường 4"),
                ], 0, 340, 84, 60),
            p(
                "Hà Nội",
                [
                    ("Quận Cầu Giấy", "Phường Dịch Vọng"), ("Quận Hoàn Kiếm", "Phường Hàng Bạc"),
                    ("Quận Đống Đa", "Phường Láng Hạ"), ("Quận Hai Bà Trưng", "Phường Bách Khoa"),
                    ("Quận Long Biên", "Phường Bồ Đề"), ("Quận Hà Đông", "Phường Mộ Lao"),
                ], 2, 270, 82, 48),
            p(
                "Đà Nẵng",
                [
                    ("Quận Hải Châu", "Phường Thạch Thang"), ("Quận Sơn Trà", "Phường An Hải Bắc"),
                    ("Quận Thanh Khê", "Phường Chính Gián"),
                ], 1, 70, 81, 14),
            p("Hải Phòng", [("Quận Lê Chân", "Phường An Biên"), ("Quận Ngô Quyền", "Phường Máy Tơ")], 2, 50, 79, 10),
            p("Cần Thơ", [("Quận Ninh Kiều", "Phường An Cư"), ("Quận Cái Răng", "Phường Lê Bình")], 1, 50, 78, 10),
            p("Bình Dương", [("Thành phố Thủ Dầu Một", "Phường Phú Cường"), ("Thành phố Dĩ An", "Phường Dĩ An")], 0, 60, 80, 12),
            p("Đồng Nai", [("Thành phố Biên Hòa", "Phường Tân Phong"), ("Huyện Long Thành", "Xã An Phước")], 1, 40, 77, 8),
            p("Khánh Hòa", [("Thành phố Nha Trang", "Phường Lộc Thọ")], 2, 25, 78, 5),
            p("Thừa Thiên Huế", [("Thành phố Huế", "Phường Phú Hội")], 2, 20, 77, 4),
            p("Quảng Ninh", [("Thành phố Hạ Long", "Phường Bãi Cháy")], 3, 20, 75, 4),
            p("Nghệ An", [("Thành phố Vinh", "Phường Hưng Bình")], 2, 25, 74, 5),
            p("Lâm Đồng", [("Thành phố Đà Lạt", "Phường 1")], 2, 20, 76, 4),
            p("An Giang", [("Thành phố Long Xuyên", "Phường Mỹ Bình")], 2, 10, 72, 3),
        ]
    }()
    static let provinceWeights = provinces.map(\.weight)

    static let vnStreets = encode([
        "Tân Trào", "Lê Duẩn", "Trần Thái Tông", "Mậu Thân", "Nguyễn Huệ", "Lê Lợi", "Hai Bà Trưng", "Điện Biên Phủ",
        "Nguyễn Văn Linh", "Võ Văn Kiệt", "Phan Đình Phùng", "Hùng Vương", "Trần Phú", "Lý Thường Kiệt", "Nguyễn Trãi",
        "Cách Mạng Tháng Tám", "Nguyễn Thị Minh Khai", "Pasteur", "Bạch Đằng", "Quang Trung",
    ])

    static let orderNotes = encode([
        "Gọi trước khi giao", "Giao giờ hành chính", "Cho xem hàng, không cho thử", "Hàng dễ vỡ, xin nhẹ tay",
        "Giao buổi tối sau 18h", "Không giao thứ Bảy, Chủ nhật", "Tài liệu",
    ])

    static let contactNames = encode(["Trần Văn Bình", "Lê Thị Hồng Nhung", "Phạm Quốc Bảo"])
    static let contactPhones = encode(["0332318317", "0908123456", "0977654321"])
    static let shopPrefixes = encode(["SHOP", "HLM", "TKB"])
    static let clientHubs = [11583, 11584, 12077]
    static let warehouses = encode(["30984", "30985", "31210"])

    /// 247Express delay reasons: `DelayCode` and a few `DelayNotes` each. S01–S06 are in the
    /// generated `status-map.csv`; S07 and S08 are deliberately not (they show up as
    /// OTHER/unknown with their DelayNotes as label). The carrier publishes no list: these codes
    /// are invented, like the samples' (samples/README.md).
    static let delayCodes = encode(["", "S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08"])
    static let delayNotes: [[[UInt8]]] = [
        encode(["Chưa phát được"]),
        encode(["Khách hẹn giao lại vào ngày mai", "Khách hẹn giao buổi chiều", "Khách hẹn giao lại thứ Hai"]),
        encode(["Không liên lạc được người nhận", "Gọi không nghe máy", "Thuê bao không liên lạc được"]),
        encode(["Sai địa chỉ, không tìm thấy người nhận", "Địa chỉ không tồn tại"]),
        encode(["Khách từ chối nhận hàng", "Khách không đặt hàng, từ chối nhận"]),
        encode(["Hàng bị móp méo khi vận chuyển"]),
        encode(["Chậm tuyến do mưa lớn", "Chậm tuyến do thời tiết xấu"]),
        encode(["Người nhận đi vắng, hàng để lại bưu cục", "Khách nhờ giữ hàng tại bưu cục"]),
        encode(["Khách yêu cầu kiểm tra hàng trước khi nhận"]),
    ]

    static let deliveredNotes = encode([
        "Giao thành công, khách đã ký nhận", "Giao thành công, khách đã ký nhận", "Giao thành công, đã thu tiền COD",
        "Giao cho người thân nhận hộ", "Giao cho bảo vệ tòa nhà",
    ])
    static let confiscatedNotes = encode(["Hàng cấm: pin lithium không khai báo", "Hàng không rõ nguồn gốc xuất xứ"])
    static let returnedNotes = encode(["Đã hoàn hàng về kho người gửi"])
    static let lostNotes = encode(["Thất lạc tại kho trung chuyển"])

    static let remittanceNotes = encode(["đợt 1", "đợt 2", "chuyển bổ sung", "đối soát tuần"])

    // MARK: Mexico (HoundExpress)

    static let mxGiven = encode([
        "José Ángel", "María Fernanda", "Juan Carlos", "Luis", "Ana Sofía", "Guadalupe", "Ricardo", "Verónica",
        "Alejandro", "Daniela", "Jesús", "Mónica", "Fernando", "Ximena", "Óscar", "Rocío", "Héctor", "Itzel",
    ])
    static let mxSurname = encode([
        "Martínez", "Núñez", "Hernández", "García", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez",
        "Flores", "Gómez", "Díaz", "Vázquez", "Cruz", "Morales", "Jiménez", "Ruiz", "Ortiz", "Muñoz", "Peña", "Ibáñez",
    ])

    /// A city: name, centre (micro-degrees), line-haul days from Ciudad de México, weight,
    /// first-attempt success (per cent).
    struct City {
        var name: [UInt8]
        var latitude: Int
        var longitude: Int
        var transitDays: Int
        var weight: Int
        var firstAttempt: Int
    }

    static let cities: [City] = {
        func c(_ n: String, _ lat: Int, _ lon: Int, _ t: Int, _ w: Int, _ f: Int) -> City {
            City(name: Array(n.utf8), latitude: lat, longitude: lon, transitDays: t, weight: w, firstAttempt: f)
        }
        return [
            c("Ciudad de México", 19_432_600, -99_133_200, 0, 360, 78),
            c("Guadalajara", 20_659_700, -103_349_600, 1, 130, 76),
            c("Monterrey", 25_686_600, -100_316_100, 2, 120, 77),
            c("Puebla", 19_041_400, -98_206_300, 1, 70, 75),
            c("Querétaro", 20_588_800, -100_389_900, 1, 60, 77),
            c("Toluca", 19_282_600, -99_655_700, 1, 50, 74),
            c("León", 21_122_000, -101_684_000, 1, 50, 75),
            c("Mérida", 20_967_400, -89_592_600, 3, 40, 73),
            c("Tijuana", 32_514_900, -117_038_200, 3, 50, 70),
            c("San Luis Potosí", 22_156_500, -100_985_500, 2, 30, 74),
        ]
    }()
    static let cityWeights = cities.map(\.weight)

    static let obsCreated = encode(["Guía documentada por el remitente"])
    static let obsPickedUp = encode(["Recolectado en bodega del cliente", "Recolectado en sucursal"])
    static let obsTransit = encode(["En tránsito hacia el centro de distribución", "Arribo a centro de distribución"])
    static let obsDelayed = encode(["Salida retrasada", "Salida retrasada por falla mecánica", "Salida retrasada por saturación de ruta"])
    static let obsHeld = encode(["Retenido en el CEDIS por revisión"])
    static let obsOutForDelivery = encode(["Salió a ruta de entrega"])
    static let obsNoOne = encode([
        "No se encontró a nadie en el domicilio; se dejó aviso", "Domicilio cerrado, se dejó aviso de visita",
        "Segundo intento: domicilio cerrado",
    ])
    static let obsRefused = encode(["Rechazado por el destinatario", "Rechazado por el destinatario: pedido incompleto"])
    static let obsWrongAddress = encode(["Domicilio incorrecto, calle no existe", "Número exterior no localizado"])
    static let obsReturning = encode(["Devolución en proceso al remitente"])
    static let obsReturned = encode(["Devuelto al remitente"])
    static let obsDelivered = encode(["Entregado al destinatario", "Entregado a familiar del destinatario", "Entregado en recepción"])
    static let obsLost = encode(["Extraviado en el centro de distribución"])
    static let obsConfiscated = encode(["Decomisado por la autoridad aduanal: mercancía prohibida"])
    static let obsCancelled = encode(["Cancelado a solicitud del remitente"])
}
