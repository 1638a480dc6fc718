from workshop.launch import main

raise SystemExit(main())
